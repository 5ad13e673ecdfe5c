import { randomBytes } from 'node:crypto';
import { InProcessFederation } from '@liandong/local-federation';
import { importOrganizations } from '../support';

/** An OpenAPI 3 document, as far as the contract checks read it. */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}
export interface OpenApi {
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, Schema> };
}

/**
 * Where a value departs from its documented schema: members not documented, required
 * members missing, nulls where none are allowed, wrong types, values outside an enum.
 */
export function departures(doc: OpenApi, schema: Schema, value: unknown, path = '$'): string[] {
  if (value === null)
    return schema.nullable || schema.allOf?.some((s) => s.nullable) ? [] : [`${path} is null`];
  if (schema.$ref)
    return departures(
      doc,
      doc.components.schemas[schema.$ref.split('/').pop() as string],
      value,
      path,
    );
  if (schema.allOf) return schema.allOf.flatMap((s) => departures(doc, s, value, path));
  if (schema.enum && !schema.enum.includes(value))
    return [`${path} = ${String(value)} is not in the enum`];
  if (schema.type === 'array' || schema.items) {
    if (!Array.isArray(value)) return [`${path} is not an array`];
    return value.flatMap((item, i) =>
      departures(doc, schema.items as Schema, item, `${path}[${i}]`),
    );
  }
  if (schema.properties) {
    if (typeof value !== 'object') return [`${path} is not an object`];
    const record = value as Record<string, unknown>;
    return [
      ...Object.keys(record)
        .filter((key) => !(key in (schema.properties as object)))
        .map((key) => `${path}.${key} is not documented`),
      ...(schema.required ?? [])
        .filter((key) => !(key in record))
        .map((key) => `${path}.${key} is missing`),
      ...Object.entries(schema.properties)
        .filter(([key]) => key in record)
        .flatMap(([key, s]) => departures(doc, s, record[key], `${path}.${key}`)),
    ];
  }
  const expected = schema.type === 'integer' ? 'number' : schema.type;
  return expected && typeof value !== expected
    ? [`${path} is a ${typeof value}, not ${expected}`]
    : [];
}

/** The documented schema of a route's success answer (200 for GET, 201 otherwise). */
export function answerSchema(doc: OpenApi, path: string, method: string): Schema {
  return doc.paths[path][method].responses[method === 'get' ? '200' : '201'].content[
    'application/json'
  ].schema as Schema;
}

/** Codes, names and accounts no other test of the run uses. */
export class Names {
  private readonly tag = randomBytes(3).toString('hex');
  private made = 0;

  next(prefix: string): string {
    this.made += 1;
    return `${prefix}-${this.tag}-${this.made}`;
  }

  /** Registry rows (code, name, category, parent code, cadre tier) of a node's own. */
  registry(node: string, categories: string[] = ['党政机关部门', '村']) {
    return categories.map((category): [string, string, string, string, string] => {
      const code = this.next(node);
      return [code, `${code}${category === '村' ? '村党支部' : '党委'}`, category, '', '县级'];
    });
  }
}

const TEAM_PASSWORD = 'a long team password';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** Adds a person to a node's pool over HTTP; returns the id. */
export async function addPerson(
  federation: InProcessFederation,
  node: string,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const { status, body } = await federation.http(node, 'POST', '/personnel', {
    name: `${node}组长`,
    sourceBody: 'discipline',
    homeJurisdiction: node,
    homeUnitName: `${node}纪委监委`,
    ...fields,
  });
  if (status !== 201) throw new Error(`POST /personnel: ${status} ${JSON.stringify(body)}`);
  return body.id as string;
}

/**
 * Takes an inspection through to feedback as a real node requires it: a team of three with
 * accounts (leader, deputy leader, member), one finding drafted with evidence, checked and
 * signed, the report finalized by the leader and decided by the leading group, then feedback.
 * (The rules of findings and reports themselves: rectification.e2e-spec.ts.)
 */
export async function inspectAndFeedBack(
  federation: InProcessFederation,
  names: Names,
  node: string,
  inspectionId: string,
) {
  const expectStatus = (what: string, status: number, wanted: number, body: unknown) => {
    if (status !== wanted) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
  };
  const member = async (role: string, roles: string[]) => {
    const username = names.next(`plan-${role}`);
    const account = await federation.http(node, 'POST', '/users', {
      username,
      displayName: username,
      password: TEAM_PASSWORD,
      roles,
    });
    expectStatus('POST /users', account.status, 201, account.body);
    const id = await addPerson(federation, node, { name: username, username });
    const token = await federation.signIn(node, username, TEAM_PASSWORD);
    const call = (method: string, path: string, body?: unknown) =>
      federation.httpAs(node, token, method, path, body);
    return { id, call, token };
  };
  const leader = await member('leader', ['team_leader']);
  const deputy = await member('deputy', ['team_member']);
  const drafter = await member('member', ['team_member']);
  const team = await federation.http(node, 'PUT', `/inspections/${inspectionId}/team`, {
    leaderId: leader.id,
    deputyLeaderId: deputy.id,
    memberIds: [drafter.id],
  });
  expectStatus('PUT team', team.status, 200, team.body);
  const finding = await drafter.call('POST', `/inspections/${inspectionId}/findings`, {
    title: '会议记录不全',
    facts: '2026年党委会议记录缺少讨论情况。',
    basis: '《中国共产党党委（党组）理论学习中心组学习规则》',
  });
  expectStatus('POST finding', finding.status, 201, finding.body);
  const evidence = await fetch(
    `${federation.node(node).url}/findings/${finding.body.id}/evidence?filename=${encodeURIComponent('记录.pdf')}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/pdf', authorization: `Bearer ${drafter.token}` },
      body: PDF,
    },
  );
  expectStatus('POST evidence', evidence.status, 201, await evidence.text());
  const checked = await deputy.call('POST', `/findings/${finding.body.id}/check`);
  expectStatus('check', checked.status, 201, checked.body);
  const signed = await leader.call('POST', `/findings/${finding.body.id}/sign`);
  expectStatus('sign', signed.status, 201, signed.body);
  const report = await leader.call('POST', `/inspections/${inspectionId}/reports`, {
    summary: '巡察报告：发现问题 1 个。',
  });
  expectStatus('POST report', report.status, 201, report.body);
  const decision = await federation.http(node, 'POST', `/reports/${report.body.id}/decision`, {
    decision: '同意，按程序反馈。',
  });
  expectStatus('decision', decision.status, 201, decision.body);
  const feedback = await federation.http(node, 'POST', `/inspections/${inspectionId}/feedback`, {
    summary: '反馈意见：发现问题 1 个，限期整改。',
  });
  expectStatus('feedback', feedback.status, 201, feedback.body);
  return feedback.body;
}

/** The planning calls the federation tests make, each with data of its own. */
export class PlanningCalls {
  readonly names = new Names();
  readonly window = { windowStart: '2026-12-01', windowEnd: '2027-02-28' };

  constructor(private readonly federation: InProcessFederation) {}

  /** New organizations of a node's registry (a department and a village unless told). */
  async organizations(node: string, categories?: string[]) {
    const rows = this.names.registry(node, categories);
    await importOrganizations(this.federation, node, rows);
    return rows.map(([code, name]) => ({ code, name }));
  }

  /** A new round of a node (regular, in `window` unless told); returns its id. */
  async round(node: string, extra: Record<string, unknown> = {}): Promise<string> {
    const { status, body } = await this.federation.http(node, 'POST', '/rounds', {
      type: 'regular',
      theme: this.names.next('巡察轮次'),
      ...this.window,
      ...extra,
    });
    if (status !== 201) throw new Error(`POST /rounds: ${status} ${JSON.stringify(body)}`);
    return body.id as string;
  }

  schedule(node: string, roundId: string, organizationCode: string, ownerNode?: string) {
    return this.federation.http(node, 'POST', `/rounds/${roundId}/inspections`, {
      organizationCode,
      ownerNode,
    });
  }

  async coverage(node: string): Promise<any> {
    return (await this.federation.http(node, 'GET', '/coverage')).body;
  }

  addPerson(node: string, fields: Record<string, unknown> = {}) {
    return addPerson(this.federation, node, fields);
  }

  feedBack(node: string, inspectionId: string) {
    return inspectAndFeedBack(this.federation, this.names, node, inspectionId);
  }
}
