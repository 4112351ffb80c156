using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Saiyo.Web.Pages;

/// <summary>
/// A save that a unique index may refuse because another request saved the same row at the same moment
/// (a double submit, two staff at once). The other save stands; the page says so instead of answering 500.
/// </summary>
public static class SaveRace
{
    /// <summary>Runs <paramref name="save"/>; when the database refuses it, puts <paramref name="changedMeanwhile"/>
    /// in TempData["Error"] and answers false (nothing of this request was saved).</summary>
    public static async Task<bool> SaveOrShowTheOtherAsync(this PageModel page, Func<Task> save, string changedMeanwhile)
    {
        try
        {
            await save();
            return true;
        }
        catch (DbUpdateException)
        {
            page.TempData["Error"] = changedMeanwhile;
            return false;
        }
    }
}
