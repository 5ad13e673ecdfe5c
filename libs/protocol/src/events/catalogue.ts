import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import {
  DirectiveAcknowledgedV1,
  DirectiveIssuedV1,
  DirectiveRelayedV1,
  DirectiveReportedV1,
} from './directive.v1';
import { AuditHeadV1 } from './audit-head.v1';
import { NodeRegisteredV1 } from './node-registered.v1';
import { ReceiptV1 } from './receipt.v1';

/**
 * Which way an event may travel in the tree, checked by every receiver:
 * `down`: the issuer must be a proper ancestor of the receiver;
 * `up`: the issuer must be a proper descendant of the receiver;
 * `any`: any certified node (receipts).
 */
export type EventDirection = 'down' | 'up' | 'any';

export interface EventDefinition {
  type: string;
  direction: EventDirection;
  /** Sequenced events are applied in per-(issuer, audience) order; receipts are not. */
  sequenced: boolean;
  payload: new () => object;
  description: string;
}

const definitions: EventDefinition[] = [
  {
    type: NodeRegisteredV1.type,
    direction: 'up',
    sequenced: true,
    payload: NodeRegisteredV1,
    description: 'a node announces itself to an ancestor',
  },
  {
    type: DirectiveIssuedV1.type,
    direction: 'down',
    sequenced: true,
    payload: DirectiveIssuedV1,
    description: 'a directive to the children or the subtree of the issuer',
  },
  {
    type: DirectiveAcknowledgedV1.type,
    direction: 'up',
    sequenced: true,
    payload: DirectiveAcknowledgedV1,
    description: 'a receiving node acknowledged a directive',
  },
  {
    type: DirectiveRelayedV1.type,
    direction: 'up',
    sequenced: true,
    payload: DirectiveRelayedV1,
    description: 'a receiving node relayed a directive with requirements of its own',
  },
  {
    type: DirectiveReportedV1.type,
    direction: 'up',
    sequenced: true,
    payload: DirectiveReportedV1,
    description: 'a receiving node filed its implementation report',
  },
  {
    type: AuditHeadV1.type,
    direction: 'up',
    sequenced: true,
    payload: AuditHeadV1,
    description: 'a node sends its audit chain head to its parent, the witness',
  },
  {
    type: ReceiptV1.type,
    direction: 'any',
    sequenced: false,
    payload: ReceiptV1,
    description: 'what a receiver did with an envelope',
  },
];

export const EVENT_CATALOGUE: ReadonlyMap<string, EventDefinition> = new Map(
  definitions.map((definition) => [definition.type, definition]),
);

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** Problems with a payload for its event type, one message per bad field. */
export function payloadProblems(type: string, payload: unknown): string[] {
  const definition = EVENT_CATALOGUE.get(type);
  if (!definition) return [`type: ${type} is not in the event catalogue`];
  const instance = plainToInstance(definition.payload, payload);
  return flatten(
    validateSync(instance, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
    }),
  );
}
