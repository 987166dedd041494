// Errors from the API are application/problem+json (RFC 9457); the UI shows their detail.
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: { field?: string; message?: string }[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export function toProblem(status: number, body: unknown): Problem {
  if (body && typeof body === 'object') {
    return body as Problem;
  }
  if (typeof body === 'string' && body.length > 0) {
    return { status, title: `HTTP ${status}`, detail: body };
  }
  return { status, title: `HTTP ${status}` };
}

/** What to show for an error: the problem's detail and field errors, else its message. */
export function describe(error: unknown): { title: string; detail: string } {
  if (error instanceof ApiError) {
    const p = error.problem;
    const fields = (p.errors ?? [])
      .map((e) => [e.field, e.message].filter(Boolean).join(': '))
      .filter(Boolean);
    const detail = [p.detail ?? '', ...fields].filter(Boolean).join(' — ');
    return { title: p.title ?? `HTTP ${error.status}`, detail: detail || error.message };
  }
  if (error instanceof Error) {
    return { title: 'Request failed', detail: error.message };
  }
  return { title: 'Request failed', detail: String(error) };
}
