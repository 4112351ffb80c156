using System.ComponentModel.DataAnnotations;

namespace Saiyo.Web.Pages.SelectionMeetings.Events;

/// <summary>イベント name and its 予約動作設定.</summary>
public sealed class EventInput
{
    public const string None = "";
    public const string Zoom = "Zoom";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(100, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.EventName")]
    public string Name { get; set; } = "";

    /// <summary>Web面接連携: "" = なし, "Zoom".</summary>
    [Display(Name = "Field.WebInterviewLinkage")]
    public string? Provider { get; set; } = None;

    /// <summary>Zoomユーザ選択: the Zoom user id.</summary>
    [Display(Name = "Field.ZoomUser")]
    public string? HostExternalUserId { get; set; }

    /// <summary>One Zoom user for every 日程, or a ホストプール.</summary>
    [EnumDataType(typeof(Saiyo.Data.Selection.HostMode), ErrorMessage = "Validation.InvalidValue")]
    [Display(Name = "Field.HostMode")]
    public Saiyo.Data.Selection.HostMode HostMode { get; set; }

    /// <summary>The ホストプール: Zoom user ids.</summary>
    [Display(Name = "Field.PoolHosts")]
    public List<string> PoolHosts { get; set; } = [];

    [Range(1, 1000, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.DefaultCapacity")]
    public int DefaultCapacity { get; set; } = 1;

    [Range(0, 43200, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.BookingDeadline")]
    public int BookingDeadlineMinutes { get; set; } = 60;

    [Range(0, 43200, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.CancellationDeadline")]
    public int CancellationDeadlineMinutes { get; set; } = 60;

    [Display(Name = "Field.WaitingRoom")]
    public bool WaitingRoom { get; set; } = true;

    [Display(Name = "Field.Passcode")]
    public bool Passcode { get; set; } = true;

    [Display(Name = "Field.PersonalJoinLinks")]
    public bool PersonalJoinLinks { get; set; }

    /// <summary>The recruiter read that a Basic host's meetings with three or more people end after 40 minutes.</summary>
    public bool ConfirmBasicHost { get; set; }

    /// <summary>The recruiter saw the booked applicants a new host or link kind reaches and the mail each will get.</summary>
    public bool ConfirmImpact { get; set; }
    /// <summary>「予約できる数」: 1 per イベント (default), 1 per 選考会, or no limit.</summary>
    [EnumDataType(typeof(Saiyo.Data.Selection.BookingLimit), ErrorMessage = "Validation.InvalidValue")]
    [Display(Name = "Field.BookingLimit")]
    public Saiyo.Data.Selection.BookingLimit BookingLimit { get; set; }

    /// <summary>「同時刻の日程をまとめて表示する」 on the applicant's マイページ.</summary>
    [Display(Name = "Field.MergeParallelSlots")]
    public bool MergeParallelSlots { get; set; }
}
