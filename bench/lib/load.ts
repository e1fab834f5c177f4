import autocannon from 'autocannon';

/** One scenario's numbers from one autocannon run. */
export interface Measurement {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses outside 2xx plus connection errors and timeouts. */
  failures: number;
  total: number;
  statusCodes: Record<string, number>;
  /** The API's highest sampled RSS during the run (MB), when it is the target. */
  peakRssMb?: number;
  /** Share of the machine's CPU used by processes outside the benchmark during the run (%). */
  othersCpuPercent?: number;
  /** CPU the server process used per request (ms), and its share of one core (%). */
  serverCpuMsPerRequest?: number;
  serverCpuPercent?: number;
  /** CPU the benchmark database's PostgreSQL backends used per request (ms). */
  databaseCpuMsPerRequest?: number;
}

export interface LoadPlan {
  url: string;
  method: 'GET' | 'POST';
  /** Called for every request: its path (with query) and body. */
  next: () => { path: string; body?: string };
  token: string;
  connections: number;
  durationSeconds: number;
  /** A fixed number of requests instead of a duration (data loading). */
  amount?: number;
}

export async function drive(plan: LoadPlan): Promise<Measurement> {
  const headers: Record<string, string> = { authorization: `Bearer ${plan.token}` };
  if (plan.method === 'POST') headers['content-type'] = 'application/json';
  const first = plan.next();
  const result = await autocannon({
    url: plan.url,
    connections: plan.connections,
    ...(plan.amount === undefined ? { duration: plan.durationSeconds } : { amount: plan.amount }),
    timeout: 30,
    method: plan.method,
    headers,
    requests: [
      {
        method: plan.method,
        path: first.path,
        headers,
        setupRequest: (request) => {
          const next = plan.next();
          return { ...request, path: next.path, ...(next.body === undefined ? {} : { body: next.body }) };
        },
      },
    ],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = (stats).count ?? 0;
  return {
    requestsPerSecond: result.requests.total / Math.max(result.duration, 0.001),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    total: result.requests.total,
    statusCodes,
  };
}
