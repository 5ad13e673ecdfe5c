import { PolicyBook } from '@liandong/directives';
import { CoverageReportedV1 } from '@liandong/protocol';
import { AlertSweeper } from '../src/rectification/alert-sweeper';
import { RectificationQueries } from '../src/rectification/rectification.queries';
import { RectificationWork } from '../src/rectification/rectification.work';
import { SubmitProgressReport } from '../src/rectification/use-cases/submit-progress-report.usecase';
import {
  CENTRAL,
  deliverThreeMonthRule,
  OFFICE,
  openRectification,
  rectificationNode,
} from './rectification.fixture';
import { trail } from './probes';

/** China Standard Time, 10:00 on the day. */
const at = (day: string) => new Date(`${day}T02:00:00Z`);

/**
 * 整改进展报告期限: due a number of months after feedback by the rule in force on the feedback
 * day (central's directive: 3 months from 2026-12-01, 2 before), with alerts at 20 and 10 days
 * left and when overdue, each raised once, none once the progress report is in.
 */
describe('rectification deadlines and alerts', () => {
  const node = rectificationNode();
  beforeAll(() => node.start());
  afterAll(() => node.stop());

  const alertsOf = async (id: string) =>
    (await node.get(RectificationQueries).detail(id)).alerts
      .map((a) => `${a.level}>${a.notify}`)
      .sort();

  it('sets the due date by the rule in force on the feedback day: 2 months before 2026-12-01, 3 from it', async () => {
    node.clock.set(at('2026-11-20'));
    await deliverThreeMonthRule(node);
    const book = node.get(PolicyBook);
    expect((await book.inForce('rectification.progress_report_months', '2026-11-30'))?.value).toBe(
      2,
    );
    expect(await book.inForce('rectification.progress_report_months', '2026-12-01')).toMatchObject({
      value: 3,
      setByNode: CENTRAL,
    });

    const before = (await openRectification(node)).rectification;
    expect(before).toMatchObject({
      policyMonths: 2,
      dueOn: '2027-01-20',
      policySetBy: null,
      supervisedBy: 'self',
    });
    // 00:30 on 2026-12-01 in China is still 2026-11-30 in UTC: the feedback day is China's.
    node.clock.set(new Date('2026-11-30T16:30:00Z'));
    const first = (await openRectification(node)).rectification;
    expect(first).toMatchObject({ policyMonths: 3, dueOn: '2027-03-01', policySetBy: CENTRAL });
    node.clock.set(at('2026-12-05'));
    const after = (await openRectification(node)).rectification;
    expect(after).toMatchObject({ policyMonths: 3, dueOn: '2027-03-05', policySetBy: CENTRAL });
    expect(after.deadline).toMatchObject({
      dueOn: '2027-03-05',
      months: 3,
      daysLeft: 90,
      level: null,
    });
    // The earlier rectification keeps the rule of its own feedback day.
    expect((await node.get(RectificationQueries).detail(before.id)).deadline).toMatchObject({
      dueOn: '2027-01-20',
      months: 2,
    });
  });

  it('raises the 20-day, 10-day and overdue alerts as the clock moves, each once, audited', async () => {
    node.clock.set(at('2026-11-20'));
    const { rectification } = await openRectification(node);
    const { id } = rectification;
    expect(rectification.dueOn).toBe('2027-01-20');
    const sweeper = node.get(AlertSweeper);
    const sweepOn = async (day: string) => {
      node.clock.set(at(day));
      await sweeper.sweep();
      return alertsOf(id);
    };
    expect(await sweepOn('2026-12-30')).toEqual([]); // 21 days left
    expect(await sweepOn('2026-12-31')).toEqual(['days_20>responsible_person']);
    expect(await sweepOn('2026-12-31')).toEqual(['days_20>responsible_person']);
    expect(await sweepOn('2027-01-10')).toEqual([
      'days_10>unit_head',
      'days_20>responsible_person',
    ]);
    const reports = (await node.sent(CoverageReportedV1.type)).length;
    expect(await sweepOn('2027-01-21')).toEqual([
      'days_10>unit_head',
      'days_20>responsible_person',
      'overdue>inspection_office',
    ]);
    // An overdue rectification counts in the coverage report: one goes to the parent.
    expect((await node.sent(CoverageReportedV1.type)).length).toBeGreaterThan(reports);
    expect(await sweepOn('2027-02-21')).toHaveLength(3);

    const detail = await node.get(RectificationQueries).detail(id);
    expect(detail.deadline).toMatchObject({
      level: 'overdue',
      notify: 'inspection_office',
      daysLeft: -32,
    });
    expect(detail.alerts.map((a) => a.label)).toContain('整改进展报告已逾期，报巡察办');
    expect((await trail(node, id)).filter((t) => t.endsWith('rectification.alert'))).toEqual([
      'system:deadlines rectification.alert',
      'system:deadlines rectification.alert',
      'system:deadlines rectification.alert',
    ]);
  });

  it('raises none once the progress report is submitted, and the to-do list drops it', async () => {
    node.clock.set(at('2026-11-20'));
    const { rectification } = await openRectification(node);
    const work = node.get(RectificationWork);
    node.clock.set(at('2027-01-05'));
    const due = await work.items(['inspection_office']);
    expect(due).toContainEqual(
      expect.objectContaining({ kind: 'rectification.progress_due', subjectId: rectification.id }),
    );
    await node
      .get(SubmitProgressReport)
      .execute(rectification.id, { text: '整改进展情况：已清退补贴。' }, OFFICE);
    node.clock.set(at('2027-02-01'));
    await node.get(AlertSweeper).sweep();
    expect(await alertsOf(rectification.id)).toEqual([]);
    expect((await node.get(RectificationQueries).detail(rectification.id)).deadline).toMatchObject({
      progressReported: true,
      level: null,
      notify: null,
    });
    // What waits now is the office's signature of the report, no longer the deadline.
    const waiting = (await work.items(['inspection_office'])).filter(
      (i) => i.subjectId === rectification.id,
    );
    expect(waiting.map((i) => i.kind)).toEqual(['progress_report.sign']);
  });
});
