import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES, UserRole } from '../../users/user-role';

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: USER_ROLES }) role!: UserRole;
}
