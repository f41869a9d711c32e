using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WorkshopCrm.Modules.Identity.Users;

/// <summary>
/// identity.email_verification_tokens (docs/adr/0010): the one pending verification link of a user, hashed.
/// Resending replaces it; verifying deletes it.
/// </summary>
internal sealed class EmailVerificationToken
{
    public long UserId { get; set; }
    public required string Token { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class EmailVerificationTokenConfiguration : IEntityTypeConfiguration<EmailVerificationToken>
{
    public void Configure(EntityTypeBuilder<EmailVerificationToken> builder)
    {
        builder.ToTable("email_verification_tokens");
        builder.HasKey(t => t.UserId).HasName("email_verification_tokens_pkey");
        builder.Property(t => t.UserId).ValueGeneratedNever();
        builder.Property(t => t.Token).HasMaxLength(64);
        builder.HasIndex(t => t.Token).IsUnique().HasDatabaseName("email_verification_tokens_token_unique");
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("email_verification_tokens_user_id_foreign");
    }
}
