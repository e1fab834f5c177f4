import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Public, Roles } from '../common/access/access.decorators';
import { ApiProblemResponses } from '../common/openapi/api-problem-responses';
import { AuthService } from './auth.service';
import { AccessTokenDto, LoginDto } from './dto/login.dto';
import { MeDto } from './dto/me.dto';
import { LoginThrottlerGuard } from './login-throttler.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for an access token' })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiProblemResponses(400, 401, 429)
  login(@Body() body: LoginDto): Promise<AccessTokenDto> {
    return this.auth.login(body.email, body.password);
  }

  @Get('me')
  @Roles('admin', 'solicitor', 'paralegal')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblemResponses(401)
  me(@CurrentActor() actor: Actor): MeDto {
    return { id: actor.id, email: actor.email, name: actor.name, role: actor.role };
  }
}
