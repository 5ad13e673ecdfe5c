import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeclineDto, SecondmentView } from '../personnel.dto';
import { PersonnelQueries } from '../personnel.queries';
import { SecondmentDecision } from '../secondment-decision';

/** 拒绝借调: the lending node declines, saying why. */
@Injectable()
export class DeclineSecondment {
  constructor(
    private readonly dataSource: DataSource,
    private readonly decision: SecondmentDecision,
    private readonly queries: PersonnelQueries,
  ) {}

  async execute(id: string, dto: DeclineDto, actor: string): Promise<SecondmentView> {
    const secondment = await this.dataSource.transaction((manager) =>
      this.decision.record(manager, id, 'declined', dto.reason, actor),
    );
    return this.queries.secondment(secondment.id);
  }
}
