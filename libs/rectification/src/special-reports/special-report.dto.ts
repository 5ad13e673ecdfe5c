import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';
import { AcceptLabels, IsNotBlank, NODE_ID_PATTERN } from '@liandong/protocol';
import {
  SPECIAL_REPORT_ADDRESSEES,
  SpecialReportAddressee,
} from '../entities/special-report.entity';
import { SPECIAL_REPORT_ADDRESSEE_LABELS } from './special-report.labels';

export class WriteSpecialReportDto {
  @ApiProperty({
    enum: SPECIAL_REPORT_ADDRESSEES,
    description:
      'party_committee 本级党委, ancestor 上级巡视巡察机构 (the Chinese label is accepted too)',
  })
  @AcceptLabels(SPECIAL_REPORT_ADDRESSEE_LABELS)
  @IsIn(SPECIAL_REPORT_ADDRESSEES)
  addressee!: SpecialReportAddressee;

  @ApiPropertyOptional({ example: '130100', description: 'the ancestor (addressee ancestor)' })
  @ValidateIf((dto: WriteSpecialReportDto) => dto.addressee === 'ancestor' || dto.toNode != null)
  @Matches(NODE_ID_PATTERN, { message: '$property must be a six-digit node id' })
  toNode?: string;

  @ApiProperty({ example: '关于村级集体“三资”管理问题的专题报告' })
  @IsString()
  @IsNotBlank()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ example: '本轮巡察发现，部分村集体资金管理不规范……建议……' })
  @IsString()
  @IsNotBlank()
  @Length(1, 20000)
  body!: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: "this node's signed findings the report rests on",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  findingIds?: string[];
}
