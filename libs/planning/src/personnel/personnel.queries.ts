import { Inject, Injectable } from '@nestjs/common';
import { TIER_LABELS, Tier } from '@liandong/protocol';
import {
  FederationNode,
  MESSAGING_OPTIONS,
  MessagingOptions,
  NodeNames,
} from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { Secondment } from '../entities';
import { PersonView, SecondmentPartnerView, SecondmentView } from './personnel.dto';
import { mapPerson, mapSecondment } from './personnel.mapper';
import { allPeople, findPersonOrFail, peopleIn } from './person.repository';
import { allSecondments, findSecondment } from './secondment.repository';

const tierLabel = (tier: string) => TIER_LABELS[tier as Tier] ?? tier;

@Injectable()
export class PersonnelQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly names: NodeNames,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async people(): Promise<PersonView[]> {
    return (await allPeople(this.dataSource.manager)).map(mapPerson);
  }

  async person(id: string): Promise<PersonView> {
    return mapPerson(await findPersonOrFail(this.dataSource.manager, id));
  }

  /** Requests this node made (borrowing) and received (lending), oldest first. */
  async secondments(): Promise<SecondmentView[]> {
    return this.views(await allSecondments(this.dataSource.manager));
  }

  /** One request as this node holds it (after a write). */
  async secondment(id: string): Promise<SecondmentView> {
    const row = await findSecondment(this.dataSource.manager, id);
    if (!row) throw new Error(`secondment ${id} vanished`);
    const [view] = await this.views([row]);
    return view;
  }

  /**
   * Whom this node may borrow from or lend to (上挂下派 runs along the tree): its ancestors,
   * from its certificate chain, and the descendants registered with it, by name.
   */
  async partners(): Promise<SecondmentPartnerView[]> {
    const { identity } = this.options;
    const ancestors = identity.chain
      .filter((cert) => cert.nodeId !== identity.nodeId)
      .map((cert) => ({
        nodeId: cert.nodeId,
        name: cert.name,
        tierLabel: tierLabel(cert.tier),
        direction: 'ancestor' as const,
      }));
    const descendants = (
      await this.dataSource.manager.find(FederationNode, { order: { nodeId: 'ASC' } })
    )
      .filter((node) => node.nodeId !== identity.nodeId && node.path.includes(identity.nodeId))
      .map((node) => ({
        nodeId: node.nodeId,
        name: node.name,
        tierLabel: tierLabel(node.tier),
        direction: 'descendant' as const,
      }));
    return [...ancestors, ...descendants];
  }

  private async views(rows: Secondment[]): Promise<SecondmentView[]> {
    const people = await peopleIn(
      this.dataSource.manager,
      rows.flatMap((s) => (s.personId ? [s.personId] : [])),
    );
    const nameOf = new Map(people.map((p) => [p.id, p.name]));
    return rows.map((s) =>
      mapSecondment(
        s,
        (id) => this.names.label(id),
        (s.personId && nameOf.get(s.personId)) || null,
      ),
    );
  }
}
