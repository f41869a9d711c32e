using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Deals;
using WorkshopCrm.Modules.Pipeline.Members;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Notes;

internal sealed record NoteAuthor(long Id, string Name);

internal sealed record NoteView(long Id, string Body, NoteAuthor Author, DateTimeOffset? CreatedAt);
