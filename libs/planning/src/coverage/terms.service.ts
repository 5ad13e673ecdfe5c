import { Injectable } from '@nestjs/common';
import { addYears, uuidv7 } from '@liandong/protocol';
import { AuditService, Clock } from '@liandong/messaging';
import { DataSource } from 'typeorm';
import { Term } from '../entities';
import { CoverageService } from './coverage.service';
import { planningRefusal } from '../planning.errors';

/** 届: terms do not overlap; a term is five years unless its end is given. */
@Injectable()
export class TermsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly coverage: CoverageService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(
    command: { name: string; startsOn: string; endsOn?: string },
    actor: string,
  ): Promise<Term> {
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
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`LOCK TABLE term IN SHARE ROW EXCLUSIVE MODE`);
      const clash = await manager
        .getRepository(Term)
        .createQueryBuilder('t')
        .where('t.starts_on < :endsOn AND t.ends_on > :startsOn', {
          startsOn: command.startsOn,
          endsOn,
        })
        .getOne();
      if (clash)
        throw planningRefusal('TERM_OVERLAPS', {
          zh: `新届期 ${command.startsOn} 至 ${endsOn} 与已有的届期“${clash.name}”（${clash.startsOn} 至 ${clash.endsOn}）重叠。届期须前后相接、不能重叠，请调整开始或结束日期`,
          en: `term ${clash.name} (${clash.startsOn}–${clash.endsOn}) overlaps ${command.startsOn}–${endsOn}; terms follow one another without overlapping`,
        });
      const term = manager.create(Term, {
        id: uuidv7(this.clock.now().getTime()),
        name: command.name,
        startsOn: command.startsOn,
        endsOn,
        createdBy: actor,
        createdAt: this.clock.now(),
      });
      await manager.insert(Term, term);
      await this.coverage.report(manager);
      await this.audit.record(manager, {
        actor,
        action: 'term.created',
        subjectType: 'term',
        subjectId: term.id,
        detail: { name: term.name, startsOn: term.startsOn, endsOn },
      });
      return term;
    });
  }

  list(): Promise<Term[]> {
    return this.dataSource.manager.find(Term, { order: { startsOn: 'DESC' } });
  }
}
