using System.Globalization;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Foundation;

/// <summary>
/// Two nodes send mail through an SMTP server slower than a node's claim on a mail (claim 4 s, one mail takes ~12 s):
/// the sending node renews its claim, so the other node never sends the mail a second time.
/// </summary>
public sealed class SlowSmtpNodesTests : IAsyncLifetime
{
    private ZoomWorld _world = null!;
    private SlowSmtpProxy _slow = null!;

    public async ValueTask InitializeAsync()
    {
        _slow = new SlowSmtpProxy(ZoomWorld.FreePort(), TimeSpan.FromMilliseconds(1700));
        _world = await ZoomWorld.StartAsync(nodes: 2, settings: s =>
        {
            s["Smtp:Port"] = _slow.Port.ToString(CultureInfo.InvariantCulture);
            s["Smtp:ClaimDuration"] = "00:00:04";
        });
        _slow.Start(_world.Smtp.Configuration.Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _world.DisposeAsync();
        await _slow.DisposeAsync();
    }

    [Fact]
    public async Task A_mail_slower_than_the_claim_reaches_the_applicant_once()
    {
        var admin = _world.Browser();
        Assert.Equal("/", (await admin.SignInAsync(Demo.AdminEmail)).Path);
        const string email = "slow-mail@example.test";
        var applicant = await admin.CreateApplicantAsync("遅延 太郎", email);
        await admin.SendMyPageLinkAsync(applicant);

        await ZoomWorld.EventuallyAsync(() => Task.FromResult(ApplicantSetup.MailsTo(_world.Smtp, email).Count > 0), "the my page mail", seconds: 60);
        // The other node started no second session meanwhile (the test's SMTP server may take sessions one at a time, so
        // a second copy could still be queued there): the proxy saw every attempt to send.
        await _world.SettledAsync();
        Assert.Equal(1, _slow.Sessions);
        Assert.Single(ApplicantSetup.MailsTo(_world.Smtp, email));
    }
}
