import { randomUUID } from 'node:crypto';

/**
 * The mixed load of the fault run: intakes with idempotency keys (retried after a failure, as a
 * careful client would, and sometimes replayed after success), case reads, task updates with
 * If-Match, and screenings. Every answer is counted against the phase it was sent in, and every intake
 * key's answers are kept, so acknowledged writes can be looked for in the database afterwards.
 */

export const PHASES = ['steady', 'terminate', 'restart', 'lock', 'soak'] as const;
export type PhaseName = (typeof PHASES)[number];
type Kind = 'intake' | 'read' | 'task' | 'screening';

export class PhaseCounts {
  sent = 0;
  ok = 0;
  clientErrors = 0;
  /** 503 problem+json: the documented answer while the database is away. */
  unavailable = 0;
  /** Any other 5xx, or a 5xx that is not problem+json. */
  serverErrors = 0;
  /** No answer within the client's timeout: a hang. */
  timeouts = 0;
  /** Connection refused or reset by the API itself: it crashed or stopped listening. */
  connectionErrors = 0;
  byKind: Record<Kind, number> = { intake: 0, read: 0, task: 0, screening: 0 };
}

export interface IntakeKey {
  key: string;
  body: string;
  attempts: number;
  /** Case ids from 201 (or replayed) answers: more than one would be a duplicate. */
  caseIds: Set<string>;
  acknowledged: boolean;
  /** Still to be retried: the last attempt got no definite answer. */
  pending: boolean;
  /** A request with this key is on its way now: another one would only get 409 IDEMPOTENCY_KEY_IN_USE. */
  inFlight: boolean;
}

export interface LoadOptions {
  baseUrl: string;
  solicitorToken: string;
  paralegalToken: string;
  nextIntakeBody: () => string;
  caseIds: string[];
  concurrency: number;
  timeoutMs: number;
}

interface Answer {
  status: number | 'timeout' | 'refused';
  problemJson: boolean;
  headers: Headers | undefined;
  body: unknown;
}

export class MixedLoad {
  phase: PhaseName = 'steady';
  readonly counts = new Map<PhaseName, PhaseCounts>(PHASES.map((phase) => [phase, new PhaseCounts()]));
  readonly intakeKeys = new Map<string, IntakeKey>();
  /** Screenings answered 201: each must be in the database with its audit event. */
  readonly acknowledgedScreenings: string[] = [];
  /** Task updates answered 200, with the version they answered: the task must be at least there. */
  readonly acknowledgedTaskVersions = new Map<string, number>();
  /** 4xx answers by problem code: the expected refusals under contention (a key still running, a stale If-Match). */
  readonly refusals = new Map<string, number>();
  /** The first few answers that fail a check (other 5xx, timeouts), to say what went wrong. */
  readonly unexpected: string[] = [];
  private readonly caseIds: string[];
  private taskIds: string[] = [];
  private running = false;
  private workers: Promise<void>[] = [];
  private keyCounter = 0;

  constructor(private readonly options: LoadOptions) {
    this.caseIds = [...options.caseIds];
  }

  /** Cases (each screened, so it has referral tasks) for the reads and updates to work on; before any fault. */
  async prime(cases: number): Promise<void> {
    for (let index = 0; index < cases; index += 1) {
      const entry = this.newIntakeKey();
      await this.intake(entry);
      const caseId = [...entry.caseIds][0];
      if (caseId === undefined) throw new Error(`priming: intake ${entry.key} was not acknowledged`);
      await this.call('screening', 'POST', `/api/v1/cases/${caseId}/screenings`, this.options.solicitorToken, undefined, { 'idempotency-key': randomUUID() });
    }
  }

  start(): void {
    this.running = true;
    this.workers = Array.from({ length: this.options.concurrency }, (_, index) => this.work(index));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  /** Intake keys whose last attempt got no definite answer: retried until one comes. */
  async settlePending(deadlineMs: number): Promise<number> {
    const until = Date.now() + deadlineMs;
    let pending = [...this.intakeKeys.values()].filter((entry) => entry.pending);
    while (pending.length > 0 && Date.now() < until) {
      for (const entry of pending) await this.intake(entry);
      pending = pending.filter((entry) => entry.pending);
      if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return pending.length;
  }

  private async work(index: number): Promise<void> {
    let turn = index;
    while (this.running) {
      turn += 1;
      const dice = Math.random();
      if (dice < 0.35) await this.intake(this.chooseIntakeKey());
      else if (dice < 0.7) await this.read();
      else if (dice < 0.85) await this.updateTask(turn);
      else await this.screen();
    }
  }

  private chooseIntakeKey(): IntakeKey {
    const entries = [...this.intakeKeys.values()];
    const pending = entries.filter((entry) => entry.pending && !entry.inFlight);
    if (pending.length > 0 && Math.random() < 0.5) return pending[Math.floor(Math.random() * pending.length)];
    const acknowledged = entries.filter((entry) => entry.acknowledged && !entry.inFlight);
    if (acknowledged.length > 0 && Math.random() < 0.05) return acknowledged[Math.floor(Math.random() * acknowledged.length)];
    return this.newIntakeKey();
  }

  private newIntakeKey(): IntakeKey {
    this.keyCounter += 1;
    const entry: IntakeKey = { key: `faults-intake-${this.keyCounter}`, body: this.options.nextIntakeBody(), attempts: 0, caseIds: new Set(), acknowledged: false, pending: true, inFlight: false };
    this.intakeKeys.set(entry.key, entry);
    return entry;
  }

  private async intake(entry: IntakeKey): Promise<void> {
    entry.attempts += 1;
    entry.inFlight = true;
    const answer = await this.call('intake', 'POST', '/api/v1/intake', this.options.solicitorToken, entry.body, { 'idempotency-key': entry.key }).finally(() => {
      entry.inFlight = false;
    });
    if (answer.status === 201 || answer.status === 200) {
      const id = (answer.body as { id?: unknown } | undefined)?.id;
      if (typeof id === 'string') {
        entry.caseIds.add(id);
        entry.acknowledged = true;
        entry.pending = false;
        if (!this.caseIds.includes(id)) this.caseIds.push(id);
      }
    } else if (typeof answer.status === 'number' && answer.status < 500 && answer.status !== 409) {
      // A definite refusal (409 means "still running": retry it).
      entry.pending = false;
    }
  }

  private async read(): Promise<void> {
    const id = this.randomCase();
    await this.call('read', 'GET', `/api/v1/cases/${id}`, this.options.solicitorToken);
  }

  private async updateTask(turn: number): Promise<void> {
    if (this.taskIds.length === 0 || turn % 25 === 0) {
      const page = await this.call('task', 'GET', '/api/v1/referral-tasks?limit=50', this.options.paralegalToken);
      const items = (page.body as { items?: { id: string }[] } | undefined)?.items;
      if (Array.isArray(items) && items.length > 0) this.taskIds = items.map((item) => item.id);
      return;
    }
    const id = this.taskIds[Math.floor(Math.random() * this.taskIds.length)];
    const task = await this.call('task', 'GET', `/api/v1/referral-tasks/${id}`, this.options.paralegalToken);
    const etag = task.headers?.get('etag');
    if (task.status !== 200 || etag === null || etag === undefined) return;
    const updated = await this.call('task', 'PATCH', `/api/v1/referral-tasks/${id}`, this.options.paralegalToken, JSON.stringify({ note: `Called back ${new Date().toISOString()}` }), { 'if-match': etag });
    const version = (updated.body as { version?: unknown } | undefined)?.version;
    if (updated.status === 200 && typeof version === 'number') this.acknowledgedTaskVersions.set(id, Math.max(version, this.acknowledgedTaskVersions.get(id) ?? 0));
  }

  private async screen(): Promise<void> {
    const answer = await this.call('screening', 'POST', `/api/v1/cases/${this.randomCase()}/screenings`, this.options.solicitorToken, undefined, { 'idempotency-key': randomUUID() });
    const id = (answer.body as { id?: unknown } | undefined)?.id;
    if (answer.status === 201 && typeof id === 'string') this.acknowledgedScreenings.push(id);
  }

  private randomCase(): string {
    return this.caseIds[Math.floor(Math.random() * this.caseIds.length)];
  }

  private async call(kind: Kind, method: string, path: string, token: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
    const counts = this.counts.get(this.phase) as PhaseCounts;
    counts.sent += 1;
    counts.byKind[kind] += 1;
    let answer: Answer;
    try {
      const response = await fetch(`${this.options.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const text = await response.text();
      const problemJson = (response.headers.get('content-type') ?? '').startsWith('application/problem+json');
      answer = { status: response.status, problemJson, headers: response.headers, body: parseJson(text) };
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      answer = { status: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'refused', problemJson: false, headers: undefined, body: undefined };
    }
    if (answer.status === 'timeout') counts.timeouts += 1;
    else if (answer.status === 'refused') counts.connectionErrors += 1;
    else if (answer.status < 400) counts.ok += 1;
    else if (answer.status < 500) {
      counts.clientErrors += 1;
      const code = (answer.body as { code?: unknown } | undefined)?.code;
      const label = `${answer.status} ${typeof code === 'string' ? code : '(no code)'}`;
      this.refusals.set(label, (this.refusals.get(label) ?? 0) + 1);
    }
    else if (answer.status === 503 && answer.problemJson) counts.unavailable += 1;
    else counts.serverErrors += 1;
    const isUnexpected = answer.status === 'timeout' || answer.status === 'refused' || (answer.status >= 500 && !(answer.status === 503 && answer.problemJson));
    if (isUnexpected && this.unexpected.length < 20) {
      const code = (answer.body as { code?: unknown } | undefined)?.code;
      this.unexpected.push(`${this.phase}: ${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')} → ${String(answer.status)}${typeof code === 'string' ? ` ${code}` : ''}`);
    }
    return answer;
  }
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}
