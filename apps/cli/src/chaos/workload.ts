import { ProcessFederation } from '../process-federation';

interface ReceivedDirective {
  id: string;
  issuerNode: string;
  acknowledgedAt: string | null;
  reportedAt: string | null;
}

/**
 * What the offices do during a chaos run: central issues a subtree directive every
 * `everyMs`; every other office acknowledges each directive from central it holds, then
 * reports on it. Calls that fail (a node down, a database restarting) are simply tried again.
 */
export class Workload {
  readonly issued: string[] = [];
  private issuing = false;
  private driving = false;
  private loops: Array<Promise<void>> = [];

  constructor(
    private readonly federation: ProcessFederation,
    private readonly offices: string[],
    private readonly everyMs = 500,
  ) {}

  start(): void {
    this.issuing = true;
    this.driving = true;
    this.loops = [this.issue(), ...this.offices.map((nodeId) => this.drive(nodeId))];
  }

  /** Central issues no more directives; the offices go on answering. */
  stopIssuing(): void {
    this.issuing = false;
  }

  async stop(): Promise<void> {
    this.issuing = false;
    this.driving = false;
    await Promise.all(this.loops);
  }

  private async issue(): Promise<void> {
    let n = 0;
    while (this.issuing) {
      n += 1;
      const answer = await this.federation.http<{ id: string }>('000000', 'POST', '/directives', {
        title: `混沌测试部署 第${n}号`,
        body: '各级巡视巡察机构抓好落实。',
        scope: 'subtree',
        reportDueAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
        issuedBy: '中央巡视办',
      });
      if (answer?.status === 201) this.issued.push(answer.body.id);
      await pause(this.everyMs);
    }
  }

  private async drive(nodeId: string): Promise<void> {
    while (this.driving) {
      if (this.federation.node(nodeId).process.running) await this.answer(nodeId);
      await pause(700);
    }
  }

  private async answer(nodeId: string): Promise<void> {
    const list = await this.federation.http<ReceivedDirective[]>(
      nodeId,
      'GET',
      '/directives?origin=received',
    );
    if (list?.status !== 200) return;
    for (const directive of list.body) {
      if (!this.driving) return;
      if (directive.issuerNode !== '000000') continue;
      if (!directive.acknowledgedAt)
        await this.federation.http(nodeId, 'POST', `/directives/${directive.id}/acknowledge`, {
          acknowledgedBy: `${nodeId} 巡察办`,
        });
      else if (!directive.reportedAt)
        await this.federation.http(nodeId, 'POST', `/directives/${directive.id}/report`, {
          reportedBy: `${nodeId} 巡察办`,
          summary: '已按要求落实。',
        });
    }
  }
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
