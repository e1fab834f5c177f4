import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../common/access/access.decorators';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQueryDto } from './dto/list-users-query.dto';
import { UserPageDto, UserResponseDto } from './dto/user-response.dto';
import { UsersService } from './users.service';
import { UuidParam } from '../common/validation/uuid-param';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ summary: 'Create a user (admin)' })
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiProblemResponses(400, 401, 403, 409)
  async create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.create(actor.id, body));
  }

  @Get()
  @ApiOperation({ summary: 'List users, ordered by email (admin)' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiProblemResponses(400, 401, 403)
  async list(@Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    const page = await this.users.list(query);
    return { items: page.items.map((user) => UserResponseDto.from(user)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one user (admin)' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiProblemResponses(400, 401, 403, 404)
  async get(@UuidParam('id') id: string): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.get(id));
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: "Deactivate a user: their tokens stop working at once (admin)" })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 422)
  async deactivate(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
  ): Promise<UserResponseDto> {
    return UserResponseDto.from(await this.users.deactivate(actor.id, id));
  }
}
