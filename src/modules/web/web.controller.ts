import { Controller, Get, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../common/access/access.decorators.js';

/** `/` is where a person types the address: send them to the web app. */
@ApiExcludeController()
@Public()
@Controller()
export class WebController {
  @Get()
  @Redirect('/app/', 302)
  root(): void {}
}
