using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Saiyo.Web.Hosting;

namespace Saiyo.Tests.Infrastructure;

/// <summary>
/// Waits for quiet before a test proves an absence ("no second mail", "no second meeting"): a fixed delay passes without
/// proving anything when the machine is slow. Quiet is several consecutive polls in which no claiming worker has a row due
/// (outbox, meetings, links, attendance, reconciliation; every node, one database) and nothing changed at the far side —
/// mails at the SMTP server; meetings, registrants and webhook deliveries at the sandbox.
/// </summary>
public static class Quiescence
{
    public static async Task SettledAsync(this ZoomWorld world, int polls = 4, int seconds = 120)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        string? last = null;
        var quiet = 0;
        while (DateTime.UtcNow < until)
        {
            var seen = await ObserveAsync(world);
            quiet = seen is not null && seen == last ? quiet + 1 : 0;
            if (quiet >= polls) return;
            last = seen;
            await Task.Delay(250); // the pace of the polls; each poll asks, none assumes
        }
        Assert.Fail($"Saiyo did not settle within {seconds} s (last seen: {last ?? "a worker had work due"})");
    }

    /// <summary>What the far side holds now, or null while a worker has work due.</summary>
    private static async Task<string?> ObserveAsync(ZoomWorld world)
    {
        foreach (var (app, _) in world.Nodes)
        {
            foreach (var worker in app.Services.GetServices<IHostedService>().OfType<IClaimingWorker>())
            {
                if (await worker.HasDueWorkAsync(CancellationToken.None)) return null;
            }
        }
        var sandbox = await world.SandboxStateAsync();
        return $"mails {world.Smtp.ReceivedEmailCount}; meetings {sandbox["meetings"]?.ToJsonString()}; "
            + $"registrants {sandbox["registrants"]?.ToJsonString()}; webhooks {sandbox["webhook_deliveries"]?.ToJsonString()}";
    }
}
