using Saiyo.Data.Selection;

namespace Saiyo.Web.Pages.Shared;

/// <summary>What <c>_ResultFields</c> offers: the 選考会 of the next step.</summary>
public sealed record ResultFieldsModel(IReadOnlyList<SelectionMeeting> NextMeetings);
