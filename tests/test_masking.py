from zwgk.core.masking import mask_id, mask_name, mask_phone


def test_names_ids_and_phones_are_masked_as_county_sites_print_them():
    assert mask_name("朱小明") == "朱**"
    assert mask_name("朱明") == "朱*"
    assert mask_name(" 欧阳 小明 ") == "欧***"
    assert mask_name("朱") == "朱*"
    assert mask_name("") == ""
    assert mask_id("110105199001010035") == "110105********0035"
    assert mask_phone("13800138000") == "138****8000"
