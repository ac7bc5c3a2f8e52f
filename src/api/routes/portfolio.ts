import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../config.js';
import { PortfolioAnalysis } from '../../contract/portfolio-analysis.js';
import { PORTFOLIO_EXAMPLE } from '../../contract/portfolio-example.js';
import { PortfolioRequest } from '../../contract/portfolio-request.js';
import type { ProblemDocument } from '../../contract/problem.js';
import { analysePortfolio, type AnalyseDeps } from '../../portfolio/analyse.js';
import { localDate } from '../../queue/plan-queue.js';
import { checkSize } from '../admission.js';
import { ERROR_STATUS, ERROR_TITLE, problemType, type ErrorCode } from '../errors.js';
import { RATE_LIMIT_HEADERS, SECURED, jsonResponse, problemResponses } from '../openapi.js';

export interface PortfolioRoutesOptions {
  readonly config: Config;
}

const PATH = '/v1/portfolio/analysis';

/** The example portfolio's own analysis, so the document's example is what the service answers. */
const EXAMPLE_ANALYSIS = analysePortfolio(PortfolioRequest.parse(PORTFOLIO_EXAMPLE), { today: '2027-01-01', speedKmh: 50, detourFactor: 1.3 });

function problem(code: ErrorCode, detail: string, errors?: ProblemDocument['errors']): ProblemDocument {
  return { type: problemType(code), title: ERROR_TITLE[code], status: ERROR_STATUS[code], detail, instance: PATH, requestId: '6f1b7c2e-1d4a-4f7e-9a35-0c2b8d9e4f11', ...(errors ? { errors } : {}) };
}

const PROBLEMS = {
  400: problem('validation', '2 fields are invalid.', [
    { pointer: '#/accounts/12/potential', detail: 'Too small: expected number to be >=0' },
    { pointer: '#/options/abc/b', detail: 'a must be below b' },
  ]),
  401: problem('unauthorized', 'Send a valid API key in the X-API-Key header or as a Bearer token.'),
  413: problem('body_too_large', 'Request body is too large'),
  415: problem('unsupported_media_type', 'Unsupported Media Type: text/plain'),
  422: problem('limit_exceeded', 'The request is larger than this service accepts.', [{ pointer: '#/accounts', detail: '20000 accounts; this service accepts at most 5000.' }]),
  429: problem('rate_limited', 'More than 600 submissions in 60 s; retry in 12 seconds.'),
};

const DESCRIPTION = [
  'Answers at once (no queue) what a sales manager works out before any tour: how the portfolio divides (A/B/C by cumulative revenue; potential × share of wallet),',
  'how many hours the rep really has for account visits over the period (working days less unavailable dates, non-visit time and the prospecting target),',
  'whether the current frequencies fit those hours once driving is counted, and if not what it takes (frequencies to lower, rep-days, or reps with their territories),',
  'a suggested frequency per account from the ladder (twice a week … quarterly) with its reason, and the cost of both visit plans per segment.',
  'Driving is estimated from the accounts\' geography; `options.observedDriving` calibrates it on real plans.',
  'Accounts are those of plan requests; `revenue`, `potential` and `segment` feed the analysis. It counts as a submission for rate limits.',
].join(' ');

export const portfolioRoutes: FastifyPluginAsyncZod<PortfolioRoutesOptions> = (app, { config }) => {
  const deps = (timezone: string): AnalyseDeps => ({
    today: localDate(new Date(), timezone),
    speedKmh: config.HAVERSINE_SPEED_KMH,
    detourFactor: config.HAVERSINE_DETOUR_FACTOR,
  });
  app.post(
    PATH,
    {
      bodyLimit: config.BODY_LIMIT_BYTES,
      preValidation: async (request) => {
        checkSize(request.body, config);
        return Promise.resolve();
      },
      schema: {
        operationId: 'analysePortfolio',
        summary: 'Analyse a portfolio: segments, time, frequencies, capacity and cost',
        description: DESCRIPTION,
        tags: ['portfolio'],
        security: SECURED,
        body: PortfolioRequest,
        response: {
          200: jsonResponse('The analysis.', PortfolioAnalysis, EXAMPLE_ANALYSIS, RATE_LIMIT_HEADERS),
          ...problemResponses(PROBLEMS, true),
        },
      },
    },
    async (request) => Promise.resolve(analysePortfolio(request.body, deps(request.body.timezone))),
  );
  return Promise.resolve();
};
