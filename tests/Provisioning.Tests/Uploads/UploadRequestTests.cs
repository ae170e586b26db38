using System.Text;
using Sophia.DeviceModels;
using Sophia.Model.Provisioning;
using Sophia.Provisioning.Uploads;

namespace Sophia.Provisioning.Tests.Uploads;

public sealed class UploadRequestTests
{
    [Theory]
    [InlineData("0004f2a1b2c3-phone.cfg", Vendor.Polycom, true)]
    [InlineData("0004f2a1b2c3-web.cfg", Vendor.Yealink, false)]
    [InlineData("0004f2a1b2c3-app.log", Vendor.Yealink, false)]
    [InlineData("001565988c06-local.cfg", Vendor.Yealink, true)]
    [InlineData("001565988c06-local.cfg", Vendor.Polycom, false)]
    [InlineData("001565988c06-contact.xml", Vendor.Polycom, false)]
    [InlineData("001565988c06-sys.log", Vendor.Polycom, false)]
    [InlineData("001565988c06-boot.log", Vendor.Yealink, true)]
    [InlineData("0004f2a1b2c3-boot.log", Vendor.Polycom, true)]
    public void Each_name_is_for_the_phones_of_its_vendor(string name, Vendor vendor, bool accepted)
    {
        Assert.True(UploadRequest.TryParse(name, out var request));
        Assert.Equal(accepted, request.IsFor(vendor));
        Assert.False(request.IsFor(null));
    }

    [Fact]
    public void A_Yealink_contact_backup_is_its_own_kind_served_back_and_a_log_is_not()
    {
        Assert.True(UploadRequest.TryParse("/001565988C06-contact.xml", out var contacts));
        Assert.Equal(PhoneUploadKind.YealinkContacts, contacts.Kind);
        Assert.True(UploadRequest.IsServedBack(PhoneUploadKind.YealinkContacts));
        Assert.False(UploadRequest.IsSettings(PhoneUploadKind.YealinkContacts));
        Assert.False(UploadRequest.IsServedBack(PhoneUploadKind.SysLog));
        Assert.False(UploadRequest.IsServedBack(PhoneUploadKind.AppLog));
    }

    [Fact]
    public void The_contacts_of_a_Yealink_backup_are_counted_and_a_file_that_is_not_XML_has_no_count()
    {
        var backup = Encoding.UTF8.GetBytes("""
            <?xml version="1.0" encoding="UTF-8"?>
            <root_contact>
              <contact display_name="Plombier" office_number="0601020304" mobile_number="" other_number="" line="-1" ring="Auto" group_id_name="All Contacts" />
              <contact display_name="Garage" office_number="0605060708" mobile_number="" other_number="" line="-1" ring="Auto" group_id_name="All Contacts" />
              <contact display_name="Mairie" office_number="0140000000" mobile_number="" other_number="" line="-1" ring="Auto" group_id_name="All Contacts" />
            </root_contact>
            """);
        Assert.Equal(3, PhoneContactsFile.Count(backup));
        Assert.Null(PhoneContactsFile.Count(Encoding.UTF8.GetBytes("not xml")));
        Assert.Null(PhoneContactsFile.Count(Encoding.UTF8.GetBytes("<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>")));
    }
}
