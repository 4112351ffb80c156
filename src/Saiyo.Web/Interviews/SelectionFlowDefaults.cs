using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Companies;
using Saiyo.Data.Selection;

namespace Saiyo.Web.Interviews;

/// <summary>The 選考フロー a new company starts with; they rename, reorder or remove steps at 設定 → 選考フロー.</summary>
public static class SelectionFlowDefaults
{
    public static readonly IReadOnlyList<string> Steps = ["説明会", "一次面接", "二次面接", "最終面接", "内定"];

    public static void Seed(SaiyoDbContext db, Company company)
    {
        company.SelectionFlowSeeded = true;
        AddSteps(db, company.Id);
    }

    /// <summary>
    /// Companies made before 選考フロー existed get the default steps once (a company that later removes every step keeps
    /// none). Several nodes may start together: the conditional UPDATE of the company's flag is the claim, in the same
    /// transaction as the steps, so one node seeds each company.
    /// </summary>
    public static async Task BackfillAsync(SaiyoDbContext db, CancellationToken ct = default)
    {
        var pending = await db.Companies.Where(c => !c.SelectionFlowSeeded).Select(c => c.Id).ToListAsync(ct);
        foreach (var companyId in pending)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Companies.Where(c => c.Id == companyId && !c.SelectionFlowSeeded)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.SelectionFlowSeeded, true), ct);
            if (claimed == 1 && !await db.SelectionSteps.AnyAsync(s => s.CompanyId == companyId, ct))
            {
                AddSteps(db, companyId);
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
    }

    private static void AddSteps(SaiyoDbContext db, Guid companyId)
    {
        for (var i = 0; i < Steps.Count; i++)
            db.SelectionSteps.Add(new SelectionStep { CompanyId = companyId, Name = Steps[i], Order = i + 1 });
    }
}
