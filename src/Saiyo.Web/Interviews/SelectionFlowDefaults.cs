using Saiyo.Data;
using Saiyo.Data.Selection;

namespace Saiyo.Web.Interviews;

/// <summary>The 選考フロー a new company starts with; they rename, reorder or remove steps at 設定 → 選考フロー.</summary>
public static class SelectionFlowDefaults
{
    public static readonly IReadOnlyList<string> Steps = ["説明会", "一次面接", "二次面接", "最終面接", "内定"];

    public static void Seed(SaiyoDbContext db, Guid companyId)
    {
        for (var i = 0; i < Steps.Count; i++)
            db.SelectionSteps.Add(new SelectionStep { CompanyId = companyId, Name = Steps[i], Order = i + 1 });
    }
}
