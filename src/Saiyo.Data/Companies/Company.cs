namespace Saiyo.Data.Companies;

/// <summary>A customer of Saiyo: the tenant every other row belongs to.</summary>
public class Company
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }

    /// <summary>IANA time zone id; pages, mails and Zoom meetings use it at the edges.</summary>
    public string TimeZoneId { get; set; } = "Asia/Tokyo";

    /// <summary>Web面接連携: switched on by the operator by contract.</summary>
    public bool WebInterviewLinkageEnabled { get; set; }

    /// <summary>個人情報の自動削除: applicants are deleted this many months after their last 日程; null = off.</summary>
    public int? AutoDeleteApplicantsAfterMonths { get; set; }

    /// <summary>Mail signature: who signs applicant mails (e.g. 人事部 採用担当); null = the company's hiring team.</summary>
    public string? MailSenderName { get; set; }

    /// <summary>Mail signature: how applicants reach the hiring team (mail address, phone); null = not shown.</summary>
    public string? MailContact { get; set; }

    /// <summary>The default 選考フロー was given (at creation, or once at start-up for companies made before it existed).</summary>
    public bool SelectionFlowSeeded { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
