import { ApiBool, ApiEnum, ApiInt, ApiNested, ApiText, ApiUuid } from '../../../common/openapi/api-fields.js';
import { ROLES, type Role } from '../../../common/access/roles.js';

/** The signed-in user, as the sign-in answers it. */
export class SignedInUserDto {
  @ApiUuid() id!: string;
  @ApiText({ example: 'yenphong.officer' }) username!: string;
  @ApiText() fullName!: string;
  @ApiEnum(ROLES, 'Role') role!: Role;
  @ApiUuid() unitId!: string;
  @ApiText({ example: 'H-YP' }) unitCode!: string;
  @ApiText({ example: 'UBND huyện Yên Phong' }) unitName!: string;
}

/** `POST /auth/login`. */
export class LoginResponseDto {
  @ApiText() accessToken!: string;
  @ApiText({ example: 'Bearer' }) tokenType!: string;
  @ApiInt({ description: 'Seconds until the token expires' }) expiresIn!: number;
  @ApiNested(SignedInUserDto) user!: SignedInUserDto;
}

/** `GET /auth/me`: who the token belongs to and which units they act for. */
export class MeResponseDto {
  @ApiUuid() userId!: string;
  @ApiText() username!: string;
  @ApiText() fullName!: string;
  @ApiEnum(ROLES, 'Role') role!: Role;
  @ApiUuid() unitId!: string;
  @ApiText({ example: 'H-YP' }) unitCode!: string;
  @ApiText({ example: 'UBND huyện Yên Phong' }) unitName!: string;
  @ApiUuid({ isArray: true, nullable: true, description: 'Ids of the units the user acts for; null: the whole province' })
  unitScope!: string[] | null;
}

/** `POST /auth/logout`, `POST /auth/users/{id}/revoke-tokens`: the user whose tokens ended. */
export class RevokedTokensDto {
  @ApiUuid() userId!: string;
  @ApiBool() revoked!: true;
}
