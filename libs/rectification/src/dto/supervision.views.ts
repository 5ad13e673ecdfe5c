import { ApiProperty } from '@nestjs/swagger';
import { SUPERVISION_METHODS } from '../entities';
import { DeadlineView } from './deadline.views';
import { DATE_TIME, NULLABLE_DATE_TIME, NULLABLE_TEXT } from './formats';

const URGING_STATES = ['open', 'overdue', 'done'] as const;
const WORK_LEVELS = ['overdue', 'due_soon', 'normal'] as const;
const NULLABLE_DATE = { type: String, format: 'date', nullable: true } as const;
const NULLABLE_DAYS = {
  type: Number,
  nullable: true,
  description: 'days until the due day (negative when overdue); null when nothing is due',
} as const;

/** An item of the problem list a note concerns, by its place in the list. */
export class NotedItemView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 1, description: 'its number in the problem list (1, 2, …)' }) no!: number;
  @ApiProperty() problem!: string;
}

/** 日常监督记录 of a rectification, with its urging (督促事项) and where the urging stands. */
export class SupervisionNoteView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) rectificationId!: string;
  @ApiProperty({ enum: SUPERVISION_METHODS }) method!: string;
  @ApiProperty({ example: '谈心谈话' }) methodLabel!: string;
  @ApiProperty({ format: 'date', example: '2027-01-15' }) supervisedOn!: string;
  @ApiProperty() content!: string;
  @ApiProperty({ type: [NotedItemView], description: 'in the order of the problem list' })
  items!: NotedItemView[];
  @ApiProperty({ ...NULLABLE_TEXT, description: '督促事项; null when none was asked' })
  urging!: string | null;
  @ApiProperty(NULLABLE_DATE) urgingDueOn!: string | null;
  @ApiProperty({ enum: URGING_STATES, type: String, nullable: true }) urgingState!: string | null;
  @ApiProperty({ ...NULLABLE_TEXT, example: '待落实' }) urgingStateLabel!: string | null;
  @ApiProperty({
    enum: WORK_LEVELS,
    type: String,
    nullable: true,
    description: 'the colour of an urging not yet done (三色); null when done or none',
  })
  urgingLevel!: string | null;
  @ApiProperty(NULLABLE_DAYS) urgingDaysLeft!: number | null;
  @ApiProperty({ ...NULLABLE_TEXT, description: '督促落实情况, once done' })
  urgingOutcome!: string | null;
  @ApiProperty(NULLABLE_TEXT) urgingDoneBy!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME) urgingDoneAt!: Date | null;
  @ApiProperty() recordedBy!: string;
  @ApiProperty(DATE_TIME) recordedAt!: Date;
}

/** 整改日常监督: a rectification, how it is supervised and what is urged on it. */
export class RoutineSupervisionView {
  @ApiProperty({ format: 'uuid' }) rectificationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty() conductingNode!: string;
  @ApiProperty(DATE_TIME) feedbackAt!: Date;
  @ApiProperty({ type: DeadlineView, description: 'the progress report’s deadline' })
  deadline!: DeadlineView;
  @ApiProperty() itemCount!: number;
  @ApiProperty() closedCount!: number;
  @ApiProperty({ description: 'supervision notes recorded' }) noteCount!: number;
  @ApiProperty({ ...NULLABLE_DATE, description: 'the day of the latest note' })
  lastNoteOn!: string | null;
  @ApiProperty({ description: 'urgings not yet done' }) openUrgingCount!: number;
  @ApiProperty({ description: 'urgings not done by their due day' }) overdueUrgingCount!: number;
  @ApiProperty({ ...NULLABLE_DATE, description: 'the earliest due day of an urging not yet done' })
  nextUrgingDueOn!: string | null;
  @ApiProperty(NULLABLE_DAYS) nextUrgingDaysLeft!: number | null;
  @ApiProperty({
    enum: WORK_LEVELS,
    type: String,
    nullable: true,
    description: 'the colour of the next urging (三色); null when none is open',
  })
  urgingLevel!: string | null;
}
