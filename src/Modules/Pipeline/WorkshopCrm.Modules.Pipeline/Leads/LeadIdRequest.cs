using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Members;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Http;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Pipeline.Leads;

internal sealed record LeadIdRequest(long Id);
