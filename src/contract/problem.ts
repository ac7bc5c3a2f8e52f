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
        z
          .object({
            pointer: z.string().optional().meta({ description: 'JSON pointer (URI fragment) to the invalid field of the body.', examples: ['#/accounts/3/location/lat'] }),
            header: z.string().optional().meta({ description: 'Name of the invalid request header.', examples: ['Idempotency-Key'] }),
            parameter: z.string().optional().meta({ description: 'Name of the invalid path parameter.', examples: ['id'] }),
            detail: z.string().meta({ description: 'What is wrong with it.', examples: ['Too big: expected number to be <=90'] }),
          })
          .meta({ id: 'FieldError', description: 'One invalid part of the request, located by exactly one of `pointer`, `header` or `parameter`.' }),
      )
      .optional()
      .meta({ description: 'Every invalid part of the request.' }),
  })
  .meta({ id: 'Problem', description: 'An RFC 9457 problem document (application/problem+json).' });

export type ProblemDocument = z.infer<typeof ProblemDocument>;
