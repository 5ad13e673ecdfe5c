import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApproveDto, SecondmentView } from '../personnel.dto';
import { PersonnelQueries } from '../personnel.queries';
import { SecondmentDecision } from '../secondment-decision';

/**
 * 同意借调: the lending node lends the person — the one requested, or the one it nominates from
 * its own pool when the request described whom it wants; the borrowing node receives them with
 * the answer.
 */
@Injectable()
export class ApproveSecondment {
  constructor(
    private readonly dataSource: DataSource,
    private readonly decision: SecondmentDecision,
    private readonly queries: PersonnelQueries,
  ) {}

  async execute(id: string, dto: ApproveDto, actor: string): Promise<SecondmentView> {
    const secondment = await this.dataSource.transaction((manager) =>
      this.decision.record(manager, id, 'approved', null, actor, dto?.personId),
    );
    return this.queries.secondment(secondment.id);
  }
}
