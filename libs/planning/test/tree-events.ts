import { HEBEI_SAMPLE_TREE } from '@liandong/local-federation';
import {
  CrossAccessGrantedV1,
  CrossOrderedV1,
  InspectionEscalatedV1,
  InspectionFeedbackGivenV1,
  NodeRegisteredV1,
  PersonV1,
  RoundShapeV1,
  SecondmentDecidedV1,
  uuidv7,
} from '@liandong/protocol';
import type { Settled } from '@liandong/testing';
import { RequestSecondment } from '../src/personnel/use-cases/request-secondment.usecase';
import { CITY, OFFICE, Organization, PlanningFixture, WINDOW, ZHENGDING } from './planning.fixture';

/**
 * What the other nodes of the tree send a planning node under test, signed with their real
 * keys and delivered through its inbox (NodeFixture.deliver): each builder sets up one
 * situation a test needs, with data of its own.
 */

/** Central down to `nodeId`, as its certificate names its place. */
function pathOf(nodeId: string): string[] {
  const spec = HEBEI_SAMPLE_TREE.find((n) => n.nodeId === nodeId);
  if (!spec) throw new Error(`no node ${nodeId} in the tree`);
  return spec.parentId ? [...pathOf(spec.parentId), nodeId] : [nodeId];
}

const registered = new WeakSet<PlanningFixture>();

/** Each node below `node` announces itself (once per fixture), as it does when it starts. */
export async function registerSubtree(node: PlanningFixture): Promise<void> {
  if (registered.has(node)) return;
  for (const spec of HEBEI_SAMPLE_TREE) {
    const path = pathOf(spec.nodeId);
    if (spec.nodeId === node.nodeId || !path.includes(node.nodeId)) continue;
    const payload: NodeRegisteredV1 = { ...spec, path };
    expect(await node.deliver(spec.nodeId, NodeRegisteredV1.type, payload)).toMatchObject({
      outcome: 'applied',
    });
  }
  registered.add(node);
}

/** Another node's round, as the events that carry it describe it (in WINDOW unless told). */
export function roundShape(
  node: PlanningFixture,
  fields: Partial<RoundShapeV1> = {},
): RoundShapeV1 {
  return {
    roundId: uuidv7(),
    type: 'regular',
    theme: node.unique('上级轮次'),
    ...WINDOW,
    ...fields,
  };
}

async function deliverAnd<P extends object>(
  node: PlanningFixture,
  issuer: string,
  type: string,
  payload: P,
): Promise<{ payload: P; settled: Settled }> {
  return { payload, settled: await node.deliver(issuer, type, payload) };
}

/** An ancestor escalates an inspection of one of `node`'s organizations (提级巡察). */
export function escalate(
  node: PlanningFixture,
  ancestor: string,
  code: string,
  round: RoundShapeV1 = roundShape(node),
) {
  const payload: InspectionEscalatedV1 = { inspectionId: uuidv7(), round, organizationCode: code };
  return deliverAnd(node, ancestor, InspectionEscalatedV1.type, payload);
}

/** The conducting node's feedback on an inspection (of `node`'s organization unless told). */
export function feedbackFrom(
  node: PlanningFixture,
  conducting: string,
  inspection: { id: string } & Partial<InspectionFeedbackGivenV1>,
): Promise<Settled> {
  const { id, ...fields } = inspection;
  const payload: InspectionFeedbackGivenV1 = {
    inspectionId: id,
    mode: 'escalated',
    roundId: uuidv7(),
    parentRoundId: null,
    crossOrderId: null,
    ownerNode: node.nodeId,
    organizationCode: 'unknown',
    organizationName: '未知',
    organizationCategory: 'department',
    feedbackAt: node.clock.now().toISOString(),
    summary: '反馈意见：限期整改。',
    problems: [],
    ...fields,
  };
  return node.deliver(conducting, InspectionFeedbackGivenV1.type, payload);
}

/** An ancestor (the city unless told) orders a cross inspection naming these peers. */
export function crossOrder(
  node: PlanningFixture,
  fields: Partial<CrossOrderedV1> & Pick<CrossOrderedV1, 'visitingNode' | 'inspectedNode'>,
  from = CITY,
) {
  const payload: CrossOrderedV1 = {
    orderId: uuidv7(),
    round: roundShape(node),
    organizationCodes: [node.unique(fields.inspectedNode)],
    ...fields,
  };
  return deliverAnd(node, from, CrossOrderedV1.type, payload);
}

/**
 * A cross inspection `node` conducts (交叉巡察): the city orders its team to a peer, and the
 * peer grants access to one organization of its own.
 */
export async function crossVisit(node: PlanningFixture, peer = ZHENGDING) {
  const organization: Organization = {
    code: node.unique(peer),
    name: `${peer}某单位`,
    category: 'department',
  };
  const { payload: order, settled } = await crossOrder(node, {
    visitingNode: node.nodeId,
    inspectedNode: peer,
    organizationCodes: [organization.code],
  });
  expect(settled).toMatchObject({ outcome: 'applied' });
  const grant: CrossAccessGrantedV1 = {
    orderId: order.orderId,
    organizations: [{ inspectionId: uuidv7(), ...organization }],
  };
  expect(await node.deliver(peer, CrossAccessGrantedV1.type, grant)).toMatchObject({
    outcome: 'applied',
  });
  const inspectionId = grant.organizations[0].inspectionId;
  return { inspectionId, orderId: order.orderId, organization };
}

/**
 * A person seconded to `node` (上挂下派): requested from `lender`, approved there, and so in
 * the node's pool as lent by it for the dates. Returns the person's id.
 */
export async function borrow(
  node: PlanningFixture,
  lender = CITY,
  dates = { startsOn: '2026-12-01', endsOn: WINDOW.windowEnd },
  fields: Partial<PersonV1> = {},
): Promise<string> {
  const personId = uuidv7();
  const requested = await node.get(RequestSecondment).execute(
    {
      lendingNode: lender,
      wanted: '审计干部 1 名',
      ...dates,
      purpose: '上挂下派，参加本轮巡察',
    },
    OFFICE,
  );
  const decided: SecondmentDecidedV1 = {
    secondmentId: requested.id,
    decision: 'approved',
    reason: null,
    person: {
      personId,
      name: node.unique('借调干部'),
      sourceBody: 'audit',
      homeJurisdiction: lender,
      homeUnitCode: null,
      homeUnitName: `${lender}审计局`,
      posts: [],
      relations: [],
      ...fields,
    },
  };
  expect(await node.deliver(lender, SecondmentDecidedV1.type, decided)).toMatchObject({
    outcome: 'applied',
  });
  return personId;
}
