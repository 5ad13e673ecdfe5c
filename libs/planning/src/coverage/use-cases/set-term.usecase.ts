import { Injectable } from '@nestjs/common';
import { addYears, uuidv7 } from '@liandong/protocol';
import { AuditService, Clock } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { planningRefusal } from '../../planning.errors';
import { CoverageReporter } from '../coverage-reporter';
import { CreateTermDto, TermView } from '../coverage.dto';
import { mapTerm } from '../coverage.mapper';
import { insertTerm, lockTerms, overlappingTerm } from '../term.repository';

/** 届: sets a term; terms do not overlap; a term is five years unless its end is given. */
@Injectable()
export class SetTerm {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reporter: CoverageReporter,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateTermDto, actor: string): Promise<TermView> {
    const endsOn = command.endsOn ?? addYears(command.startsOn, 5);
    if (endsOn <= command.startsOn)
      throw planningRefusal(
        'BAD_TERM',
        {
          zh: `届期结束日（endsOn）${endsOn} 须晚于届期开始日（startsOn）${command.startsOn}，请检查这两个日期`,
          en: `endsOn (${endsOn}) must be after startsOn (${command.startsOn})`,
        },
        400,
      );
    const term = await this.dataSource.transaction(async (manager) => {
      await lockTerms(manager);
      const clash = await overlappingTerm(manager, command.startsOn, endsOn);
      if (clash)
        throw planningRefusal('TERM_OVERLAPS', {
          zh: `新届期 ${command.startsOn} 至 ${endsOn} 与已有的届期“${clash.name}”（${clash.startsOn} 至 ${clash.endsOn}）重叠。届期须前后相接、不能重叠，请调整开始或结束日期`,
          en: `term ${clash.name} (${clash.startsOn}–${clash.endsOn}) overlaps ${command.startsOn}–${endsOn}; terms follow one another without overlapping`,
        });
      const term = await insertTerm(manager, {
        id: uuidv7(this.clock.now().getTime()),
        name: command.name,
        startsOn: command.startsOn,
        endsOn,
        createdBy: actor,
        createdAt: this.clock.now(),
      });
      await this.reporter.report(manager);
      await this.audit.record(manager, {
        actor,
        action: 'term.created',
        subjectType: 'term',
        subjectId: term.id,
        detail: { name: term.name, startsOn: term.startsOn, endsOn },
      });
      return term;
    });
    return mapTerm(term);
  }
}
