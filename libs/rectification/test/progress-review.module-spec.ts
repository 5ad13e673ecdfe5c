import { uuidv7 } from '@liandong/protocol';
import { RectificationQueries } from '../src/rectification/rectification.queries';
import { RectificationWork } from '../src/rectification/rectification.work';
import { SignProgressReport } from '../src/rectification/use-cases/sign-progress-report.usecase';
import { SubmitProgressReport } from '../src/rectification/use-cases/submit-progress-report.usecase';
import { OFFICE, openRectification, rectificationNode } from './rectification.fixture';
import { rows, trail } from './probes';

/** 整改进展情况报告: submitted, then signed once each by the three offices. */
describe('the three-office review of a progress report', () => {
  const node = rectificationNode();
  beforeAll(() => node.start());
  afterAll(() => node.stop());

  const supervision = node.person('supervisor', 'supervision_office');
  const organization = node.person('orgdept', 'organization_department');

  /** Which offices the to-do lists still ask to sign the rectification's report. */
  const stillToSign = async (rectificationId: string) => {
    const offices = ['supervision_office', 'organization_department', 'inspection_office'] as const;
    const waiting: string[] = [];
    for (const office of offices) {
      const items = await node.get(RectificationWork).items([office]);
      if (items.some((i) => i.kind === 'progress_report.sign' && i.subjectId === rectificationId))
        waiting.push(office);
    }
    return waiting;
  };

  it('is signed by the supervision office, the organization department and the inspection office, each once', async () => {
    const { rectification } = await openRectification(node);
    const { id } = rectification;
    const report = await node
      .get(SubmitProgressReport)
      .execute(id, { text: '整改进展情况：已清退补贴。' }, OFFICE);
    expect(report).toMatchObject({ rectificationId: id, submittedBy: 'office', signatures: [] });
    expect(await stillToSign(id)).toEqual([
      'supervision_office',
      'organization_department',
      'inspection_office',
    ]);
    const sign = (office: Parameters<SignProgressReport['execute']>[1], as = supervision) =>
      node.get(SignProgressReport).execute(report.id, office, as);

    await expect(sign('organization_department')).rejects.toMatchObject({
      code: 'NOT_THAT_OFFICE',
      status: 403,
    });
    expect(await rows(node, 'progress_report', 'id', report.id)).toEqual([
      expect.objectContaining({ signatures: [] }),
    ]);
    expect((await sign('supervision_office')).signatures).toEqual([
      {
        office: 'supervision_office',
        officeLabel: '监督检查室',
        signedBy: 'supervisor',
        signedAt: node.clock.now().toISOString(),
      },
    ]);
    await expect(sign('supervision_office')).rejects.toMatchObject({ code: 'ALREADY_SIGNED' });
    /** Who the rectification's page says has still to sign its report. */
    const awaiting = async () =>
      (await node.get(RectificationQueries).detail(id)).progressReports[0].awaiting;
    expect(await awaiting()).toEqual([
      { office: 'organization_department', officeLabel: '组织部门' },
      { office: 'inspection_office', officeLabel: '巡视巡察办' },
    ]);
    await sign('organization_department', organization);
    expect(await stillToSign(id)).toEqual(['inspection_office']);
    expect(await awaiting()).toEqual([{ office: 'inspection_office', officeLabel: '巡视巡察办' }]);
    let detail = await node.get(RectificationQueries).detail(id);
    expect(detail.progressReports.map((p) => p.complete)).toEqual([false]);

    await sign('inspection_office', OFFICE);
    expect(await stillToSign(id)).toEqual([]);
    detail = await node.get(RectificationQueries).detail(id);
    expect(detail.progressReports[0].complete).toBe(true);
    expect(detail.progressReports[0].awaiting).toEqual([]);
    expect(detail.progressReports[0].signatures.map((s) => s.officeLabel)).toEqual([
      '监督检查室',
      '组织部门',
      '巡视巡察办',
    ]);
    expect(detail.progressReports[0].signatures.map((s) => s.office)).toEqual([
      'supervision_office',
      'organization_department',
      'inspection_office',
    ]);
    expect(detail.deadline.progressReported).toBe(true);
    expect((await trail(node, id)).filter((t) => t.endsWith('progress_signed'))).toEqual([
      'user:supervisor rectification.progress_signed',
      'user:orgdept rectification.progress_signed',
      'user:office rectification.progress_signed',
    ]);
  });

  it('refuses a report or a rectification it does not have', async () => {
    await expect(
      node.get(SignProgressReport).execute(uuidv7(), 'supervision_office', supervision),
    ).rejects.toMatchObject({ code: 'PROGRESS_REPORT_NOT_FOUND', status: 404 });
    await expect(
      node.get(SubmitProgressReport).execute(uuidv7(), { text: '进展' }, OFFICE),
    ).rejects.toMatchObject({ code: 'RECTIFICATION_NOT_FOUND', status: 404 });
  });
});
