/** The parts of OSRM v5 HTTP responses that Tournée reads, validated at the boundary. */
import { z } from 'zod';

const Position = z.tuple([z.number(), z.number()]);

/** A snapped input point; `distance` is metres from the input coordinate to the road. */
export const OsrmWaypoint = z.object({
  distance: z.number().nonnegative(),
  location: Position.optional(),
  name: z.string().optional(),
});

const Cells = z.array(z.array(z.number().nonnegative().nullable()));

export const OsrmTableResponse = z.object({
  code: z.literal('Ok'),
  durations: Cells,
  distances: Cells,
  sources: z.array(OsrmWaypoint),
  destinations: z.array(OsrmWaypoint),
});
export type OsrmTableResponse = z.infer<typeof OsrmTableResponse>;

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
