using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkshopCrm.Modules.Invitations.Data;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Invitations.Invites;

internal sealed record InvitationIdRequest(long Id);
