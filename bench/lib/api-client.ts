/** The few API calls the benchmark makes outside autocannon: sign in, create users. */

export interface Session {
  token: string;
  userId: string;
}

/** What a server answered: status, body (parsed JSON), content type and ETag. Never throws on a status. */
export interface Answer {
  status: number;
  body: unknown;
  type: string | null;
  etag: string | null;
}

export async function send(baseUrl: string, method: string, path: string, body: unknown, token?: string): Promise<Answer & { text: string }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, text, body: text === '' ? undefined : (JSON.parse(text) as unknown), type: response.headers.get('content-type'), etag: response.headers.get('etag') };
}

async function call(baseUrl: string, method: string, path: string, body: unknown, token?: string): Promise<unknown> {
  const answer = await send(baseUrl, method, path, body, token);
  if (answer.status < 200 || answer.status > 299) throw new Error(`${method} ${path} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
  return answer.body;
}

export async function login(baseUrl: string, email: string, password: string): Promise<Session> {
  const answer = (await call(baseUrl, 'POST', '/api/v1/auth/login', { email, password })) as { accessToken: string };
  const me = (await call(baseUrl, 'GET', '/api/v1/auth/me', undefined, answer.accessToken)) as { id: string };
  return { token: answer.accessToken, userId: me.id };
}

export async function createUser(baseUrl: string, adminToken: string, user: { email: string; name: string; role: 'solicitor' | 'paralegal' | 'admin'; password: string }): Promise<string> {
  const created = (await call(baseUrl, 'POST', '/api/v1/users', user, adminToken)) as { id: string };
  return created.id;
}

export async function getJson(baseUrl: string, path: string, token: string): Promise<unknown> {
  return call(baseUrl, 'GET', path, undefined, token);
}

export async function postJson(baseUrl: string, path: string, body: unknown, token: string): Promise<unknown> {
  return call(baseUrl, 'POST', path, body, token);
}
