import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OversightFiguresView } from './figures.views';
import { OversightReporter } from './oversight-reporter';

/** What this node would report now: its own figures, its subtree's, each child's. */
@Injectable()
export class OversightFiguresQueries {
  constructor(
    private readonly reporter: OversightReporter,
    private readonly dataSource: DataSource,
  ) {}

  async figures(): Promise<OversightFiguresView> {
    const { own, subtree, children } = await this.reporter.snapshot(this.dataSource.manager);
    return { own, subtree, children };
  }
}
