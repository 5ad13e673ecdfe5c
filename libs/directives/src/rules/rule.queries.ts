import { Injectable } from '@nestjs/common';
import { Clock, NodeNames } from '@liandong/messaging';
import { chinaDate, TIER_LABELS } from '@liandong/protocol';
import { mapPolicyVersion } from '../directive.mapper';
import { RuleView } from '../dto/directive.views';
import { PolicyBook } from '../policy-book.service';
import { RULES } from './rule-catalogue';

/** 规则目录 with what is in force on this node today and who set it. */
@Injectable()
export class RuleQueries {
  constructor(
    private readonly book: PolicyBook,
    private readonly names: NodeNames,
    private readonly clock: Clock,
  ) {}

  async catalogue(): Promise<RuleView[]> {
    const today = chinaDate(this.clock.now());
    const versions = await this.book.versions();
    return Promise.all(
      RULES.map(async (rule) => {
        const inForce = await this.book.inForce(rule.key, today);
        return {
          key: rule.key,
          label: rule.label,
          description: rule.description,
          unit: rule.unit,
          integer: rule.integer,
          min: rule.min,
          max: rule.max,
          owner: rule.owner,
          ownerLabel: TIER_LABELS[rule.owner],
          stricter: rule.stricter,
          stricterLabel: `下级只能从严（${rule.stricter === 'lower' ? '更短' : '更长'}）`,
          baseline: rule.baseline,
          inForce: inForce
            ? {
                ...mapPolicyVersion(inForce),
                setByLabel: inForce.setByNode ? this.names.label(inForce.setByNode) : '默认',
              }
            : null,
          versions: versions.filter((v) => v.key === rule.key).map(mapPolicyVersion),
        };
      }),
    );
  }
}
