import { ApiProperty } from '@nestjs/swagger';
import { SPECIAL_REPORT_ADDRESSEES } from '../entities/special-report.entity';

export class SpecialReportView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['written', 'received'] }) role!: string;
  @ApiProperty({ example: '130121' }) fromNode!: string;
  @ApiProperty({ example: '井陉县' }) fromNodeName!: string;
  @ApiProperty({ enum: SPECIAL_REPORT_ADDRESSEES }) addressee!: string;
  @ApiProperty({ example: '上级巡视巡察机构' }) addresseeLabel!: string;
  @ApiProperty({ type: String, nullable: true, example: '130100' }) toNode!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '石家庄市' }) toNodeName!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: [String], description: 'written here: the findings it rests on' })
  findingIds!: string[];
  @ApiProperty({ description: 'how many findings it rests on' }) findingCount!: number;
  @ApiProperty() submittedBy!: string;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
}

export class SpecialReportListView {
  @ApiProperty({ type: [SpecialReportView] }) written!: SpecialReportView[];
  @ApiProperty({ type: [SpecialReportView] }) received!: SpecialReportView[];
}
