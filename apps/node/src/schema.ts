import { ACCESS_ENTITIES, ACCESS_MIGRATIONS } from '@liandong/access';
import { EXCHANGE_ENTITIES, EXCHANGE_MIGRATIONS } from '@liandong/exchange';
import { DIRECTIVE_ENTITIES, DIRECTIVE_MIGRATIONS } from '@liandong/directives';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS } from '@liandong/messaging';
import { PLANNING_ENTITIES, PLANNING_MIGRATIONS } from '@liandong/planning';
import { OVERSIGHT_ENTITIES, OVERSIGHT_MIGRATIONS } from '@liandong/oversight';
import { RECTIFICATION_ENTITIES, RECTIFICATION_MIGRATIONS } from '@liandong/rectification';
import { STATISTICS_ENTITIES, STATISTICS_MIGRATIONS } from '@liandong/statistics';
import { EVALUATION_ENTITIES, EVALUATION_MIGRATIONS } from '@liandong/evaluation';

/** Every entity of a node. */
export const NODE_ENTITIES = [
  ...MESSAGING_ENTITIES,
  ...DIRECTIVE_ENTITIES,
  ...ACCESS_ENTITIES,
  ...PLANNING_ENTITIES,
  ...RECTIFICATION_ENTITIES,
  ...EXCHANGE_ENTITIES,
  ...OVERSIGHT_ENTITIES,
  ...STATISTICS_ENTITIES,
  ...EVALUATION_ENTITIES,
];

/** A migration's class name ends in its timestamp (TypeORM's rule, and its order). */
const timestamp = (migration: { name: string }) => Number(/(\d{13})$/.exec(migration.name)?.[1]);

/** Every migration of a node, in the order they run: by timestamp, across the libraries. */
export const NODE_MIGRATIONS = [
  ...MESSAGING_MIGRATIONS,
  ...DIRECTIVE_MIGRATIONS,
  ...ACCESS_MIGRATIONS,
  ...PLANNING_MIGRATIONS,
  ...RECTIFICATION_MIGRATIONS,
  ...EXCHANGE_MIGRATIONS,
  ...OVERSIGHT_MIGRATIONS,
  ...STATISTICS_MIGRATIONS,
  ...EVALUATION_MIGRATIONS,
].sort((a, b) => timestamp(a) - timestamp(b));
