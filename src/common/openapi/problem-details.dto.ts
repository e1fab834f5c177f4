import { ApiProperty } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'email' }) field!: string;
  @ApiProperty({ example: 'isEmail' }) code!: string;
  @ApiProperty({ example: 'email must be an email' }) message!: string;
}

export class ProblemDetailsDto {
  @ApiProperty({ example: 'urn:oi-intake:problem:validation-failed' }) type!: string;
  @ApiProperty({ example: 'Bad Request' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable code to match on' }) code!: string;
  @ApiProperty({ example: 'Some fields are missing or invalid; see errors.' }) detail!: string;
  @ApiProperty({ type: [FieldErrorDto] }) errors!: FieldErrorDto[];
  @ApiProperty({ example: '6f1c2a8e-2a53-4b8e-9d7e-0c6f3f1f7a10' }) requestId!: string;
}
