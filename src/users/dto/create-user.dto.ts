import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { normaliseEmail, trimString } from '../../common/validation/transforms';
import { USER_ROLES, UserRole } from '../user-role';

export class CreateUserDto {
  @ApiProperty({ example: 'sam.patel@firm.example', maxLength: 254 })
  @Transform(normaliseEmail)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Sam Patel', minLength: 1, maxLength: 100 })
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role!: UserRole;

  @ApiProperty({ minLength: 12, maxLength: 200, description: 'At least 12 characters; stored only as an argon2id hash.' })
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password!: string;
}
