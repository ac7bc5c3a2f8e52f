/**
 * The GeoJSON export of a plan (RFC 7946): a FeatureCollection of the stops
 * as points, the start and end, the unplanned accounts, and each day's tour
 * as a LineString. Positions are [longitude, latitude], WGS84.
 */
import { z } from 'zod';
import { IsoDate, Time } from './common.js';
import { UNPLANNED_REASONS } from './plan-result.js';

const Position = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .meta({ description: 'A position [longitude, latitude], WGS84 degrees.', examples: [[-1.6778, 48.1173]] });

const Point = z
  .object({
    type: z.literal('Point').meta({ description: 'GeoJSON geometry type.' }),
    coordinates: Position,
  })
  .meta({ description: 'A point.' });

const LineString = z
  .object({
    type: z.literal('LineString').meta({ description: 'GeoJSON geometry type.' }),
    coordinates: z.array(Position).min(2).meta({ description: 'The tour\'s positions, in driving order.' }),
  })
  .meta({ description: 'A line through positions.' });

const VisitProperties = z
  .object({
    kind: z.enum(['account', 'prospect']).meta({ description: 'What is visited.' }),
    id: z.string().meta({ description: 'Account or prospect id.', examples: ['acc-0042'] }),
    name: z.string().optional().meta({ description: 'Display name, when the request gave one.' }),
    date: IsoDate.meta({ description: 'Day of the visit.' }),
    order: z.int().min(1).meta({ description: 'Position among the day\'s visits, from 1.', examples: [2] }),
    arrival: Time.meta({ description: 'Arrival, local time.' }),
    start: Time.meta({ description: 'Start of the visit, local time.' }),
    end: Time.meta({ description: 'End of the visit, local time.' }),
    appointment: z.boolean().meta({ description: 'True for a fixed appointment.' }),
  })
  .meta({ description: 'A planned visit.' });

const PlaceProperties = z
  .object({
    kind: z.enum(['start', 'end']).meta({ description: 'Where the days start, and where they end when that is elsewhere.' }),
  })
  .meta({ description: 'The rep\'s start or end.' });

const UnplannedProperties = z
  .object({
    kind: z.literal('unplanned').meta({ description: 'An account with required visits the plan leaves out.' }),
    id: z.string().meta({ description: 'Account id.' }),
    name: z.string().optional().meta({ description: 'Display name, when the request gave one.' }),
    visitsMissing: z.int().min(1).meta({ description: 'Required visits not planned.' }),
    reason: z.enum(UNPLANNED_REASONS).meta({ description: 'Why, as a code (see `Unplanned`).' }),
    message: z.string().meta({ description: 'Why, in a sentence in the plan\'s language.' }),
  })
  .meta({ description: 'An unplanned account.' });

const TourProperties = z
  .object({
    kind: z.literal('tour').meta({ description: 'The route of one day.' }),
    date: IsoDate.meta({ description: 'The day.' }),
    departure: Time.meta({ description: 'Departure from the start, local time.' }),
    return: Time.meta({ description: 'Back at the end, local time.' }),
    visits: z.int().min(0).meta({ description: 'Visits of the day.' }),
    driveMinutes: z.int().min(0).meta({ description: 'Driving of the day, return included.' }),
    driveKm: z.number().min(0).meta({ description: 'Distance of the day, return included.' }),
    route: z.enum(['road', 'straight']).meta({
      description: '`road`: the road geometry of the plan; `straight`: straight legs between the stops, because the plan has no road geometry.',
    }),
  })
  .meta({ description: 'A day\'s tour.' });

export const PlanFeature = z
  .object({
    type: z.literal('Feature').meta({ description: 'GeoJSON object type.' }),
    geometry: z.discriminatedUnion('type', [Point, LineString]).meta({ description: 'A Point (stops, start, end, unplanned accounts) or a LineString (tours).' }),
    properties: z.discriminatedUnion('kind', [VisitProperties, PlaceProperties, UnplannedProperties, TourProperties]).meta({ description: 'What the feature is, by `kind`.' }),
  })
  .meta({ id: 'PlanFeature', description: 'One feature of the plan.' });

export const PlanGeoJson = z
  .object({
    type: z.literal('FeatureCollection').meta({ description: 'GeoJSON object type.' }),
    features: z.array(PlanFeature).meta({ description: 'The tours first (one per day), then the start and end, the visits and the unplanned accounts.' }),
  })
  .meta({ id: 'PlanGeoJson', description: 'A plan as a GeoJSON FeatureCollection (RFC 7946), positions [longitude, latitude].' });

export type PlanGeoJson = z.infer<typeof PlanGeoJson>;
export type PlanFeature = z.infer<typeof PlanFeature>;
