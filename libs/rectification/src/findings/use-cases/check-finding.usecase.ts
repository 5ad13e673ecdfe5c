import { Injectable } from '@nestjs/common';
import { Principal } from '@liandong/access';
import { FindingView } from '../../dto/finding.views';
import { AdvanceFinding } from './advance-finding';
import { rectificationRefusal } from '../../rectification.errors';

/** 审核: the deputy leader checks a complete draft someone else wrote. */
@Injectable()
export class CheckFinding {
  constructor(private readonly advance: AdvanceFinding) {}

  execute(id: string, user: Principal): Promise<FindingView> {
    return this.advance.execute(id, user, {
      role: 'deputy_leader',
      to: 'checked',
      fields: (finding) => {
        if (finding.draftedBy === user.username)
          throw rectificationRefusal('SAME_PERSON', {
            zh: '起草人不能审核自己起草的问题。请由本巡察组的副组长审核',
            en: 'the person who drafted a finding cannot also check it',
          });
        return { checkedBy: user.username };
      },
    });
  }
}
