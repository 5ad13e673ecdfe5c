import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type FieldProblem = Schemas['FieldProblemView'];

/**
 * A refusal of the API, or no answer at all: the message is the node's Chinese message
 * (RefusalView.message), or a Chinese sentence that says what to do.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldProblem[] = [],
    readonly error?: string,
  ) {
    super(message);
  }
}

/** Where the console finds its credentials; the auth store provides them. */
export interface Credentials {
  accessToken(): string | undefined;
  /** A new access token after a 401, or undefined when the session cannot be renewed. */
  renew(): Promise<string | undefined>;
}

let credentials: Credentials | undefined;
export function useCredentials(next: Credentials): void {
  credentials = next;
}

/**
 * fetch with the user's bearer token; on 401 the session is renewed once (refresh token)
 * and the request sent again.
 */
export async function authedFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const token = credentials?.accessToken();
  if (token) input.headers.set('Authorization', `Bearer ${token}`);
  const response = await fetch(input);
  if (response.status !== 401 || !token || !credentials) return response;
  const renewed = await credentials.renew();
  if (!renewed) return response;
  retry.headers.set('Authorization', `Bearer ${renewed}`);
  return fetch(retry);
}

export const api = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? 'http://127.0.0.1',
  fetch: authedFetch,
});

const UNREACHABLE = '无法连接到本节点，请检查网络后重试';

/** The error of a refused call, with the node's Chinese message. */
export function refusal(status: number, body: unknown): ApiError {
  const refusal = (body ?? {}) as Partial<Schemas['RefusalView']>;
  const message =
    typeof refusal.message === 'string' && refusal.message
      ? refusal.message
      : status >= 500
        ? `本节点出现内部错误（${status}），请稍后重试或联系系统管理员`
        : `请求未被接受（${status}）`;
  return new ApiError(status, message, refusal.fields ?? [], refusal.error);
}

/** Awaits an openapi-fetch call: its data, or an ApiError carrying the refusal. */
export async function must<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError(0, UNREACHABLE);
  }
  if (!result.response.ok) throw refusal(result.response.status, result.error);
  return result.data as T;
}

/** A call's data with the total that the API puts in X-Total-Count (server-side paging). */
export async function page<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ rows: T; total: number }> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError(0, UNREACHABLE);
  }
  if (!result.response.ok) throw refusal(result.response.status, result.error);
  return {
    rows: result.data as T,
    total: Number(result.response.headers.get('X-Total-Count') ?? 0),
  };
}

/** Downloads a file the API makes (Excel, CSV) under the name the node gives it. */
export async function download(path: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await authedFetch(new Request(new URL(path, globalThis.location.origin)));
  } catch {
    throw new ApiError(0, UNREACHABLE);
  }
  if (!response.ok) throw refusal(response.status, await response.json().catch(() => ({})));
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
