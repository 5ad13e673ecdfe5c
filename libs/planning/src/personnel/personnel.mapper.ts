import type { PersonV1 } from '@liandong/protocol';
import { Person, Secondment } from '../entities';
import { SOURCE_BODY_LABELS, STATUS_LABELS } from '../labels';
import { PersonView, SecondmentView } from './personnel.dto';

export function mapPerson(p: Person): PersonView {
  return {
    id: p.id,
    name: p.name,
    sourceBody: p.sourceBody,
    homeJurisdiction: p.homeJurisdiction,
    homeUnitCode: p.homeUnitCode,
    homeUnitName: p.homeUnitName,
    username: p.username,
    posts: p.posts.map((post) => ({
      nodeId: post.nodeId,
      unitCode: post.unitCode,
      unitName: post.unitName,
      title: post.title,
      from: post.from,
      to: post.to ?? null,
    })),
    relations: p.relations.map((r) => ({
      name: r.name,
      relation: r.relation,
      nodeId: r.nodeId,
      unitCode: r.unitCode,
      unitName: r.unitName,
    })),
    lentBy: p.lentBy,
    secondmentId: p.secondmentId,
    createdAt: p.createdAt.toISOString(),
    sourceBodyLabel: SOURCE_BODY_LABELS[p.sourceBody],
  };
}

/** `label` names a node as 石家庄市（130100）; `personName` is null where the person is not held here. */
export function mapSecondment(
  s: Secondment,
  label: (nodeId: string) => string,
  personName: string | null,
): SecondmentView {
  return {
    id: s.id,
    role: s.role,
    personId: s.personId,
    personName,
    wanted: s.wanted,
    borrowingNode: s.borrowingNode,
    borrowingNodeLabel: label(s.borrowingNode),
    lendingNode: s.lendingNode,
    lendingNodeLabel: label(s.lendingNode),
    startsOn: s.startsOn,
    endsOn: s.endsOn,
    purpose: s.purpose,
    status: s.status,
    reason: s.reason,
    requestedAt: s.requestedAt.toISOString(),
    decidedAt: s.decidedAt?.toISOString() ?? null,
    statusLabel: STATUS_LABELS[s.status] ?? s.status,
  };
}

/** A person as an approval carries them to the borrowing node. */
export function personV1(person: Person): PersonV1 {
  return {
    personId: person.id,
    name: person.name,
    sourceBody: person.sourceBody,
    homeJurisdiction: person.homeJurisdiction,
    homeUnitCode: person.homeUnitCode,
    homeUnitName: person.homeUnitName,
    posts: person.posts,
    relations: person.relations,
  };
}
