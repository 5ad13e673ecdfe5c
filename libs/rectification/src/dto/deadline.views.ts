import { ApiProperty } from '@nestjs/swagger';
import { NULLABLE_TEXT } from './formats';

export const ALERT_LEVELS = ['days_20', 'days_10', 'overdue'] as const;

/** A progress report's deadline on today: days left and the alert level reached. */
export class DeadlineView {
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty() months!: number;
  @ApiProperty({ description: 'days until the due day (negative when overdue)' })
  daysLeft!: number;
  @ApiProperty() progressReported!: boolean;
  @ApiProperty({ enum: ALERT_LEVELS, nullable: true, type: String }) level!: string | null;
  @ApiProperty(NULLABLE_TEXT) notify!: string | null;
  @ApiProperty(NULLABLE_TEXT) label!: string | null;
}
