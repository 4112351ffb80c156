namespace Saiyo.Web.Mail;

/// <summary>Section "Smtp". Without a Host (the embedded default) no mail leaves the machine: it is kept in 送信メール.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>None, StartTls, SslOnConnect, Auto.</summary>
    public string Security { get; set; } = "Auto";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Saiyo <no-reply@saiyo.test>";
    /// <summary>How often the dispatcher looks for mail to send.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>A node holds a mail this long (renewed while it sends); a node that dies mid-way releases it by expiry.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);
}
