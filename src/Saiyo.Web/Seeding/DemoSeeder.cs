using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Data.Companies;
using Saiyo.Data.Staff;
using Saiyo.Web.Hosting;

namespace Saiyo.Web.Seeding;

/// <summary>
/// Roles always; on an empty database (and only when Seed:DemoData is on) a demo company with its
/// admin and recruiter, and an operator, so that a first start can be clicked through at once.
/// </summary>
public sealed partial class DemoSeeder(
    SaiyoDbContext db,
    UserManager<StaffUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<SeedOptions> options,
    TimeProvider time,
    ILogger<DemoSeeder> logger)
{
    public const string DemoCompanyName = "デモ株式会社";

    public async Task SeedAsync(CancellationToken ct = default)
    {
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.NewGuid() }));
        }

        var o = options.Value;
        if (!o.DemoData) return;
        if (await db.Users.AnyAsync(ct) || await db.Companies.AnyAsync(ct))
        {
            LogSeedSkipped(logger);
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var company = new Company { Name = DemoCompanyName, TimeZoneId = "Asia/Tokyo", WebInterviewLinkageEnabled = true, CreatedAtUtc = now };
        db.Companies.Add(company);
        Saiyo.Web.Interviews.SelectionFlowDefaults.Seed(db, company);
        await db.SaveChangesAsync(ct);

        await CreateAsync(o.OperatorEmail, "運営 太郎", null, StaffRoles.Operator, o.Password, now);
        await CreateAsync(o.AdminEmail, "管理 花子", company.Id, StaffRoles.Admin, o.Password, now);
        await CreateAsync(o.RecruiterEmail, "採用 一郎", company.Id, StaffRoles.Recruiter, o.Password, now);
        LogSeeded(logger, DemoCompanyName);
    }

    private async Task CreateAsync(string email, string name, Guid? companyId, string role, string password, DateTime now)
    {
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CompanyId = companyId, CreatedAtUtc = now };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Seeding failed: " + string.Join("; ", result.Errors.Select(e => e.Code)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo company {Company}")]
    private static partial void LogSeeded(ILogger logger, string company);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Database not empty; demo seeding skipped")]
    private static partial void LogSeedSkipped(ILogger logger);
}
