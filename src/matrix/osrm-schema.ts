/** OSRM v5 route and error answers, validated at the boundary (table answers: table-answer.ts). */
import { z } from 'zod';

const Position = z.tuple([z.number(), z.number()]);

export const OsrmLineString = z.object({
  type: z.literal('LineString'),
  coordinates: z.array(Position),
});
export type OsrmLineString = z.infer<typeof OsrmLineString>;

export const OsrmRouteResponse = z.object({
  code: z.literal('Ok'),
  routes: z
    .array(z.object({ geometry: OsrmLineString, distance: z.number(), duration: z.number() }))
    .min(1),
});

/** Every OSRM error answer: HTTP 400 with a code such as `NoSegment` or `TooBig`. */
export const OsrmErrorResponse = z.object({
  code: z.string(),
  message: z.string().optional(),
});
