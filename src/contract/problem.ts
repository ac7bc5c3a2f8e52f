import { z } from 'zod';

export const ProblemDocument = z
  .object({
    type: z.string().meta({ description: 'Stable URI of the kind of problem.', examples: ['urn:tournee:problem:validation'] }),
    title: z.string().meta({ description: 'Short summary of the kind of problem.', examples: ['The request is not valid'] }),
    status: z.int().meta({ description: 'The HTTP status code.', examples: [400] }),
    detail: z.string().optional().meta({ description: 'What went wrong with this request.', examples: ['2 fields are invalid.'] }),
    instance: z.string().optional().meta({ description: 'The request path.', examples: ['/v1/plans'] }),
    requestId: z.string().optional().meta({ description: 'Id of the request in the service logs.' }),
    errors: z
      .array(
        z.object({
          pointer: z.string().meta({ description: 'JSON pointer (URI fragment) to the invalid field.', examples: ['#/accounts/3/location/lat'] }),
          detail: z.string().meta({ description: 'What is wrong with the field.', examples: ['Too big: expected number to be <=90'] }),
        }),
      )
      .optional()
      .meta({ description: 'Every invalid field.' }),
  })
  .meta({ id: 'Problem', description: 'An RFC 9457 problem document (application/problem+json).' });

export type ProblemDocument = z.infer<typeof ProblemDocument>;
