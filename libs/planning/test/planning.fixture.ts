import { randomBytes } from 'node:crypto';
import { ACCESS_ENTITIES, ACCESS_MIGRATIONS, UserAccount } from '@liandong/access';
import { DomainError } from '@liandong/common';
import { HEBEI_SAMPLE_TREE } from '@liandong/local-federation';
import { uuidv7 } from '@liandong/protocol';
import { NodeFixture } from '@liandong/testing';
import { PLANNING_ENTITIES, PLANNING_MIGRATIONS, PlanningModule, PlanningOptions } from '../src';
import { Category } from '../src/categories';
import { InspectionView, TeamDto } from '../src/inspections/inspection.dto';
import { FormTeam } from '../src/inspections/use-cases/form-team.usecase';
import { GiveFeedback } from '../src/inspections/use-cases/give-feedback.usecase';
import { ScheduleInspection } from '../src/inspections/use-cases/schedule-inspection.usecase';
import { PersonDto, PersonView } from '../src/personnel/personnel.dto';
import { AddPerson } from '../src/personnel/use-cases/add-person.usecase';
import { upsertOrganizations } from '../src/registry/organization.repository';
import { CreateRoundDto, RoundView } from '../src/rounds/round.dto';
import { CreateRound } from '../src/rounds/use-cases/create-round.usecase';

/** The README's tree: 中央, 河北省, 石家庄市 and its three counties. */
export const CENTRAL = '000000';
export const PROVINCE = '130000';
export const CITY = '130100';
export const JINGXING = '130121';
export const ZHENGDING = '130123';
export const XINGTANG = '130125';

/** Who the tests act as (a controller would pass `user:<name>`). */
export const OFFICE = 'user:office';

/** The day every planning node's clock starts (10:00 in Beijing); the windows below follow it. */
export const START = new Date('2026-12-01T02:00:00Z');
export const WINDOW = { windowStart: '2027-01-04', windowEnd: '2027-03-31' };

export interface Organization {
  code: string;
  name: string;
  category: Category;
}

/** The refusal a use case threw (a DomainError), or a failure saying it did not refuse. */
export async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const outcome = await work.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if ('error' in outcome && outcome.error instanceof DomainError) return outcome.error;
  throw new Error(
    `expected a refusal, got ${'error' in outcome ? String(outcome.error) : 'success'}`,
  );
}

/**
 * What a use case stores: planning's tables, the events it puts in the outbox, its audit
 * entries. (Left out: what messaging writes by itself — registrations, receipts, audit heads,
 * sync requests — and its record of a refused inbound event.)
 */
const STORED: Record<string, string> = {
  ...Object.fromEntries(
    [
      'organization',
      'term',
      'round',
      'round_link',
      'inspection',
      'team_member',
      'coverage_credit',
      'child_coverage',
      'cross_order',
      'person',
      'secondment',
    ].map((table) => [table, `SELECT count(*) FROM ${table}`]),
  ),
  events: `SELECT count(*) FROM outbox
           WHERE event_type NOT LIKE ALL (ARRAY['receipt.%', 'audit.%', 'sync.%', 'sequence.%', 'node.%'])`,
  audit: `SELECT count(*) FROM audit_entry WHERE action NOT IN ('event.refused', 'node.registered')`,
};

/**
 * One planning node as a Nest testing module (see NodeFixture), with builders that make each
 * test's own data: organizations, rounds, people and inspections with codes and names of
 * their own. What other nodes of the tree send it is built in tree-events.ts.
 */
export class PlanningFixture extends NodeFixture {
  private readonly tag = randomBytes(3).toString('hex');
  private made = 0;

  constructor(nodeId: string, planning: Partial<PlanningOptions> = {}) {
    super({
      nodeId,
      tree: HEBEI_SAMPLE_TREE,
      imports: [PlanningModule.forRoot(planning)],
      entities: [...ACCESS_ENTITIES, ...PLANNING_ENTITIES],
      migrations: [...ACCESS_MIGRATIONS, ...PLANNING_MIGRATIONS],
      now: START,
    });
  }

  /** A name or code no other test of the run uses. */
  unique(prefix: string): string {
    this.made += 1;
    return `${prefix}-${this.tag}-${this.made}`;
  }

  /** Organizations of this node's registry, each with a code and name of its own. */
  async organizations(count: number, category: Category = 'department'): Promise<Organization[]> {
    const rows = Array.from({ length: count }, (_, i) => {
      const code = this.unique(this.nodeId);
      return { row: i + 2, code, name: `${code}党组织`, category, parentCode: null };
    });
    await upsertOrganizations(
      this.dataSource.manager,
      rows.map((r) => ({ ...r, cadreTier: 'county' as const })),
      this.clock.now(),
    );
    return rows.map(({ code, name }) => ({ code, name, category }));
  }

  async organization(category: Category = 'department'): Promise<Organization> {
    return (await this.organizations(1, category))[0];
  }

  /** A round of this node (regular, in WINDOW unless told otherwise). */
  round(fields: Partial<CreateRoundDto> = {}): Promise<RoundView> {
    return this.get(CreateRound).execute(
      { type: 'regular', theme: this.unique('轮次'), ...WINDOW, ...fields },
      OFFICE,
    );
  }

  /** A person of this node's own pool, from its discipline body unless told otherwise. */
  addPerson(fields: Partial<PersonDto> = {}): Promise<PersonView> {
    return this.get(AddPerson).execute(
      {
        name: this.unique('干部'),
        sourceBody: 'discipline',
        homeJurisdiction: this.nodeId,
        homeUnitName: `${this.nodeId}纪委监委`,
        ...fields,
      },
      OFFICE,
    );
  }

  /** A user account of this node, as an administrator would have made it. */
  async account(username = this.unique('user')): Promise<string> {
    await this.dataSource.getRepository(UserAccount).insert({
      id: uuidv7(),
      username,
      displayName: username,
      passwordHash: 'not used here',
      roles: ['team_member'],
      createdAt: this.clock.now(),
    });
    return username;
  }

  /** An own inspection of a new organization in a new round (or the ones given). */
  async ownInspection(given: { roundId?: string; code?: string } = {}): Promise<InspectionView> {
    const roundId = given.roundId ?? (await this.round()).id;
    const code = given.code ?? (await this.organization()).code;
    return this.get(ScheduleInspection).execute(roundId, { organizationCode: code }, OFFICE);
  }

  /** A team led by a new person of the pool (and these members). */
  async team(inspectionId: string, team: Partial<TeamDto> = {}) {
    const leaderId = team.leaderId ?? (await this.addPerson()).id;
    return this.get(FormTeam).execute(
      inspectionId,
      { leaderId, memberIds: [], ...team } as TeamDto,
      OFFICE,
    );
  }

  /** A team, then feedback: the inspection took place. */
  async feedBack(inspectionId: string): Promise<InspectionView> {
    await this.team(inspectionId);
    return this.get(GiveFeedback).execute(
      inspectionId,
      { summary: '反馈意见：限期整改。' },
      OFFICE,
    );
  }

  /** How many rows each of planning's tables holds, and how many events and audit entries. */
  async stored(): Promise<Record<string, number>> {
    const rows: Array<{ t: string; n: string }> = await this.dataSource.query(
      Object.entries(STORED)
        .map(([name, sql]) => `SELECT '${name}' AS t, (${sql}) AS n`)
        .join(' UNION ALL '),
    );
    return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
  }
}
