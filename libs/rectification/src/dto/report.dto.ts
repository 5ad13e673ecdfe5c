import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsNotBlank } from '@liandong/protocol';

export class ReportDto {
  @ApiProperty({ example: '巡察发现问题3个，移交问题线索1件。' })
  @IsString()
  @IsNotBlank()
  @Length(1, 20000)
  summary!: string;

  @ApiPropertyOptional({ description: 'required for a correction (version 2 on)' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @Length(1, 2000)
  reason?: string;
}

export class DecisionDto {
  @ApiProperty({ example: '同意巡察报告，按程序反馈。' })
  @IsString()
  @IsNotBlank()
  @Length(1, 5000)
  decision!: string;
}
